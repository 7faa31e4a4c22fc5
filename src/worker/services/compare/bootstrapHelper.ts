// Compare's bootstrap on two threads: the engine worker spawns one helper worker (on first use)
// and gives each bootstrap run's inputs to it once (copied: the engine keeps its own); the run
// then hands it resample pairs (engine/stats/poissonBootstrap's PairHelper) and merges the
// replicates in resample order, so the numbers are the one-thread run's. No Worker (Node, the
// server mode), one core, or a helper that fails to start or errors: null or rejected pairs, and
// the engine thread does them all.
import type { PairHelper, ReplicateInput } from '../../../engine/stats/poissonBootstrap';

export type HelperIn =
  | { type: 'job'; id: number; input: ReplicateInput; resamples: number; seed: number }
  | { type: 'pair'; id: number; pair: number }
  | { type: 'drop'; id: number };
export type HelperOut =
  { id: number; pair: number; values: Float64Array } | { id: number; pair: number; error: string };

type Waiting = { resolve: (v: Float64Array) => void; reject: (e: Error) => void };

/** Silence after which a pair's helper is given up (far above a pair's cost under load). */
const HELPER_SILENCE_MS = 20_000;

let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<string, Waiting>();

function broken(reason: string) {
  worker?.terminate();
  worker = null;
  for (const w of pending.values()) w.reject(new Error(reason));
  pending.clear();
}

function helperWorker(): Worker | null {
  if (worker !== undefined) return worker;
  worker = null;
  if (typeof Worker === 'undefined') return null;
  if (typeof navigator !== 'undefined' && (navigator.hardwareConcurrency ?? 2) < 2) return null;
  try {
    const w = new Worker(new URL('./bootstrap.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<HelperOut>) => {
      const m = e.data;
      const key = `${m.id}:${m.pair}`;
      const waiting = pending.get(key);
      if (!waiting) return;
      pending.delete(key);
      if ('values' in m) waiting.resolve(m.values);
      else waiting.reject(new Error(m.error));
    };
    w.onerror = (e) => broken(`bootstrap helper failed: ${e.message || 'did not start'}`);
    w.onmessageerror = () => broken('bootstrap helper: a message could not be read');
    worker = w;
  } catch {
    worker = null;
  }
  return worker;
}

/** A helper for one bootstrap run, or null when the engine thread works alone. */
export function bootstrapHelper(
  input: ReplicateInput,
  resamples: number,
  seed: number,
): PairHelper | null {
  const w = helperWorker();
  if (!w) return null;
  const id = nextId++;
  try {
    w.postMessage({ type: 'job', id, input, resamples, seed } satisfies HelperIn);
  } catch {
    return null;
  }
  return {
    pair: (pair) =>
      new Promise((resolve, reject) => {
        if (worker !== w) return reject(new Error('bootstrap helper is gone'));
        const key = `${id}:${pair}`;
        pending.set(key, { resolve, reject });
        w.postMessage({ type: 'pair', id, pair } satisfies HelperIn);
        // A pair takes tens of ms; a helper silent this long is hung (no error event comes):
        // drop it so the engine thread takes every pair back instead of waiting forever.
        setTimeout(() => {
          if (pending.has(key) && worker === w) broken('bootstrap helper did not answer');
        }, HELPER_SILENCE_MS);
      }),
    close: () => {
      for (const key of pending.keys()) if (key.startsWith(`${id}:`)) pending.delete(key);
      if (worker === w) w.postMessage({ type: 'drop', id } satisfies HelperIn);
    },
  };
}
