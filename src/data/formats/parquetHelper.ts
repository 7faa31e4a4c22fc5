// A second core for decoding Parquet: arrow-rs in wasm decodes on one thread, and decoding the
// first view's columns (the probability lists most of all) was ≈75 % of a 1M open
// (bench/RESULTS.md §11). readParquet hands some row groups to this helper worker while it decodes
// others itself. Started once, on the first Parquet file, and kept: later files find it warm.
// Where there is no Worker (Node, tests) or one core, there is no helper and every group is
// decoded in the engine worker as before.

/**
 * Decodes one row group's small Parquet file (parquetSplit.ts) to an Arrow IPC stream; `signal`
 * takes the group back (rejects) if the helper has not started it.
 */
export interface GroupDecoder {
  decode(file: Uint8Array, signal?: AbortSignal): Promise<Uint8Array>;
}

let helper: GroupDecoder | null | undefined;
let helperMs = 0;

/** Milliseconds the helper has spent decoding so far (for the bench's measure). */
export const helperDecodeMs = (): number => helperMs;

/**
 * The helper, started on the first call; null where a second decoder would not help. `module`:
 * the decoder's wasm as this worker compiled it (parquet.ts `compiledDecoder`), handed over so it
 * is compiled once; null makes the helper fetch and compile its own.
 */
export function decodeHelper(module: Promise<WebAssembly.Module | null>): GroupDecoder | null {
  if (helper !== undefined) return helper;
  helper = null;
  if (typeof Worker === 'undefined' || (navigator.hardwareConcurrency ?? 1) < 2) return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./parquetDecode.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  void module.then((m) => worker.postMessage({ module: m }));
  const pending = new Map<
    number,
    { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }
  >();
  let next = 0;
  let broken: Error | null = null;
  worker.onmessage = (
    e: MessageEvent<{ id: number; ipc?: Uint8Array; ms?: number; error?: string }>,
  ) => {
    const p = pending.get(e.data.id);
    pending.delete(e.data.id);
    helperMs += e.data.ms ?? 0;
    if (e.data.ipc) p?.resolve(e.data.ipc);
    else p?.reject(new Error(e.data.error ?? 'the helper decoder failed'));
  };
  // A worker that cannot start (or dies) fails what it holds; the engine worker decodes those.
  worker.onerror = (e) => {
    e.preventDefault();
    broken = new Error(`the helper decoder stopped (${e.message})`);
    for (const p of pending.values()) p.reject(broken);
    pending.clear();
    helper = null;
    worker.terminate();
  };
  helper = {
    decode(file, signal) {
      if (broken) return Promise.reject(broken);
      const id = next++;
      // Transferred, not copied: the buffer must be the file's own.
      const own =
        file.byteOffset === 0 && file.byteLength === file.buffer.byteLength ? file : file.slice();
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, file: own }, [own.buffer]);
        signal?.addEventListener('abort', () => {
          if (!pending.delete(id)) return;
          worker.postMessage({ cancel: id });
          reject(new Error('taken back'));
        });
      });
    },
  };
  return helper;
}
