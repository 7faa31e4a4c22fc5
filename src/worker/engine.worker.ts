import * as Comlink from 'comlink';
import { Session } from './session/session';
import { wasmMemoryBytes } from '../engine/neighbors/simdScan';
import type { CohortDef, Field, Progress, Source } from '../protocol/dataset';
import type { RoleMapping } from '../data/roles';
import { rowsOf } from './services/rows/rows';
import { rowDetail } from './services/rows/rowDetail';
import type { RowDetailRequest, RowsRequest } from '../protocol/rows';
import { embeddingsApi } from './services/embeddings/api';
import { compareChartsApi } from './services/compare/chartsApi';
import type { CompareRequest, ConfusionRequest, PerClassRequest } from '../protocol/compare';
import { compareVersions } from './services/compare/compare';
import { compareConfusion } from './services/compare/confusion';
import { comparePerClass } from './services/compare/perClass';
import {
  cancelSlices,
  findSlices,
  type SlicesProgress,
  type SlicesRequest,
} from './services/slices/slices';

const session = new Session();

// For the memory benchmark (bench/run.mjs reads it through the DevTools protocol): vector columns
// live in WebAssembly memories, which the heap and array-buffer counts leave out.
(self as unknown as { __wbWasmBytes: () => number }).__wbWasmBytes = wasmMemoryBytes;

/** The worker's public surface; reached only through `client.ts`. */
const api = {
  open: (sources: Source[], onProgress: (p: Progress) => void) => session.open(sources, onProgress),
  analyse: (mapping: RoleMapping) => session.analyse(mapping),
  setThresholds: (t: Record<string, number>) => session.setThresholds(t),
  compare: (req: CompareRequest) => compareVersions(session.dataset, req),
  confusion: (req: ConfusionRequest) => compareConfusion(session.dataset, req),
  perClass: (req: PerClassRequest) => comparePerClass(session.dataset, req),
  cohorts: (defs: CohortDef[]) => session.cohorts(defs),
  profile: (field: Field, search?: string) => session.profile(field, search),
  rowColumns: () => rowsOf(session.dataset).columns(),
  rows: (req: RowsRequest) => rowsOf(session.dataset).rows(req),
  findIds: (prefix: string, limit: number) => rowsOf(session.dataset).findIds(prefix, limit),
  rowDetail: (req: RowDetailRequest) => rowDetail(rowsOf(session.dataset), req),
  ...embeddingsApi(() => session.dataset),
  ...compareChartsApi(() => session.dataset),
  findSlices: (req: SlicesRequest, onProgress?: SlicesProgress) =>
    findSlices(session.dataset, req, onProgress),
  cancelSlices: () => cancelSlices(),
};

export type EngineApi = typeof api;

Comlink.expose(api);
