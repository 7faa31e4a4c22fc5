import * as Comlink from 'comlink';
import { wasmMemoryBytes } from '../engine/neighbors/simdScan';
import { Session } from './session/session';
import { gateAll } from './gate';
import { holdColumns } from './session/deferred';
import { cohortsApi } from './services/cohorts/api';
import { compareApi } from './services/compare/api';
import { datasetApi } from './services/dataset/api';
import { embeddingsApi } from './services/embeddings/api';
import { rowsApi } from './services/rows/api';
import { rulesApi } from './services/rules/api';
import { slicesApi } from './services/slices/api';
import { instancesApi } from './services/instances/api';

const session = new Session();

// For the memory benchmark (bench/lib/cdp.mjs reads it through the DevTools protocol): vector columns
// live in WebAssembly memories, which the heap and array-buffer counts leave out.
(self as unknown as { __wbWasmBytes: () => number }).__wbWasmBytes = wasmMemoryBytes;

/** The worker's public surface, one part per service; reached only through `client.ts`. */
const services = {
  /** The watchdog's heartbeat: answered only while the worker is between tasks. */
  ping: () => true,
  /** Blocks the worker for `ms` (capped at a minute): lets tests show the watchdog at work. */
  spin: (ms: number) => {
    const end = performance.now() + Math.min(Math.max(0, ms), 60_000);
    while (performance.now() < end);
  },
  /** Holds the reading of columns deferred at open (tests show a view waiting for one). */
  holdColumns: (on: boolean) => holdColumns(on),
  ...datasetApi(session),
  ...cohortsApi(session),
  ...rowsApi(session),
  ...compareApi(session),
  ...rulesApi(session),
  ...embeddingsApi(session),
  ...slicesApi(session),
  ...instancesApi(session),
};

const api = gateAll(
  session,
  services,
  new Map([
    ['rowDetail', 'all'],
    ...Object.keys(slicesApi(session))
      .filter((k) => k !== 'cancelSlices')
      .map((k) => [k, 'features'] as const),
  ]),
);

export type EngineApi = typeof api;

Comlink.expose(api);
