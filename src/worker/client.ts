import * as Comlink from 'comlink';
import type { EngineApi } from './engine.worker';
import type { Source } from '../protocol';
import { type EngineStatus, HEARTBEAT_MS, Watchdog, reasonOf } from './watchdog';
import { callServer, serverToken } from './serverClient';
import { span, traceStart } from '../shared/trace';

/** Every worker method as the page calls it: same arguments, answered asynchronously. */
type Api = {
  [K in keyof EngineApi]: (
    ...args: Parameters<EngineApi[K]>
  ) => Promise<Awaited<ReturnType<EngineApi[K]>>>;
};

/** Pending calls of a worker that was stopped reject with this. */
export class EngineRestarted extends Error {
  constructor() {
    super('The engine was restarted before it answered.');
  }
}

let worker: Worker | null = null;
let remote: Comlink.Remote<EngineApi> | null = null;
let abandon: (err: Error) => void = () => {};
let abandoned: Promise<never> = new Promise(() => {});
const statusListeners = new Set<(s: EngineStatus) => void>();
const watchdog = new Watchdog(
  () => call('ping', []),
  (s) => statusListeners.forEach((l) => l(s)),
);

function engine(): Comlink.Remote<EngineApi> {
  if (!remote) {
    worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('error', (e) => watchdog.fail(reasonOf(e)));
    worker.addEventListener('messageerror', () => watchdog.fail('a message could not be read'));
    remote = Comlink.wrap<EngineApi>(worker);
    abandoned = new Promise((_, reject) => (abandon = reject));
    abandoned.catch(() => {});
  }
  return remote;
}

/** Server mode (`npm run serve`): set once at start-up; every call then goes over HTTP. */
const server = typeof location === 'undefined' ? null : serverToken(location.search);

// Callbacks (progress) cross the boundary as proxies; everything else is copied.
function call(name: string, args: unknown[]): Promise<unknown> {
  if (server) return callServer(server, name, args);
  const methods = engine() as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const sent = args.map((a) => (typeof a === 'function' ? Comlink.proxy(a) : a));
  const t = name === 'ping' ? 0 : traceStart();
  const answer = Promise.race([methods[name]!(...sent), abandoned]);
  if (t)
    answer.then(
      () => span(`rpc:${name}`, t),
      () => span(`rpc:${name}`, t),
    );
  return answer;
}

/** The worker resolves relative URLs against its own script, so resolve them against the page. */
function absolute(s: Source): Source {
  return s.kind === 'url' ? { kind: 'url', url: new URL(s.url, document.baseURI).href } : s;
}

const extras = {
  /** Starts the worker and its heartbeat before the first file arrives (it takes a moment to boot). */
  warmup: () => {
    if (!server) engine();
    window.setInterval(() => watchdog.tick(), HEARTBEAT_MS);
  },
  /** Stops the worker (whatever it is doing) and starts a new one; pending calls reject. */
  restart: (files: string[]) => {
    if (server) return watchdog.restarted(files);
    worker?.terminate();
    abandon(new EngineRestarted());
    worker = null;
    remote = null;
    watchdog.restarted(files);
    engine();
  },
  recovered: () => watchdog.recovered(),
  /** True when a DuckDB server answers (views say what differs there, e.g. the map's sample). */
  inServerMode: () => server !== null,
  onStatus: (listener: (s: EngineStatus) => void) => {
    statusListeners.add(listener);
    return () => void statusListeners.delete(listener);
  },
};

const overrides: Partial<Api> = {
  open: (sources, onProgress, token, onColumns) =>
    call('open', [
      server ? sources : sources.map(absolute),
      onProgress,
      token,
      onColumns ?? (() => {}),
    ]) as never,
};

/** The only way the UI reaches the data and the engine: every worker method, typed from it. */
export const client = new Proxy(extras, {
  get: (target, name) =>
    typeof name !== 'string' || name === 'then'
      ? undefined
      : ((target as Record<string, unknown>)[name] ??
        (overrides as Record<string, unknown>)[name] ??
        ((...args: unknown[]) => call(name, args))),
}) as typeof extras & Api;

export type { EngineStatus };
