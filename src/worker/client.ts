import * as Comlink from 'comlink';
import type { EngineApi } from './engine.worker';
import type { CohortDef, Field, Predicate, Progress, Source } from '../protocol/dataset';
import type { RoleMapping } from '../data/roles';
import type { RowDetailRequest, RowsRequest } from '../protocol/rows';
import type { ColorBy, LabelErrorsRequest, NeighboursRequest } from '../protocol/embeddings';
import type { CompareRequest, ConfusionRequest, PerClassRequest } from '../protocol/compare';
import type {
  CalibrationRequest,
  DensityRequest,
  DistributionsRequest,
} from './services/compare/charts';
import type { MatchRequest, OperatingPointsRequest } from './services/compare/operatingPoints';
import type { RulesRequest } from './services/rules/rules';
import type { RowRulesRequest } from './services/rules/row';
import type { SlicesProgress, SlicesRequest } from './services/slices/slices';

let remote: Comlink.Remote<EngineApi> | null = null;

function engine(): Comlink.Remote<EngineApi> {
  if (!remote) {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    remote = Comlink.wrap<EngineApi>(worker);
  }
  return remote;
}

/** The worker resolves relative URLs against its own script, so resolve them against the page. */
function absolute(s: Source): Source {
  return s.kind === 'url' ? { kind: 'url', url: new URL(s.url, document.baseURI).href } : s;
}

/** The only way the UI reaches the data and the engine. */
export const client = {
  /** Starts the worker before the first file arrives (it takes a moment to boot). */
  warmup: () => void engine(),
  open: (sources: Source[], onProgress: (p: Progress) => void) =>
    engine().open(sources.map(absolute), Comlink.proxy(onProgress)),
  analyse: (mapping: RoleMapping) => engine().analyse(mapping),
  setThresholds: (t: Record<string, number>) => engine().setThresholds(t),
  compare: (req: CompareRequest) => engine().compare(req),
  confusion: (req: ConfusionRequest) => engine().confusion(req),
  perClass: (req: PerClassRequest) => engine().perClass(req),
  cohorts: (defs: CohortDef[]) => engine().cohorts(defs),
  profile: (field: Field, search?: string) => engine().profile(field, search),
  rowColumns: () => engine().rowColumns(),
  rows: (req: RowsRequest) => engine().rows(req),
  findIds: (prefix: string, limit: number) => engine().findIds(prefix, limit),
  rowDetail: (req: RowDetailRequest) => engine().rowDetail(req),
  layout: (source: string, onProgress: (done: number, total: number) => void) =>
    engine().layout(source, Comlink.proxy(onProgress)),
  pointColors: (by: ColorBy, source: string, cohort: Predicate | null) =>
    engine().pointColors(by, source, cohort),
  neighbours: (req: NeighboursRequest) => engine().neighbours(req),
  selectRows: (source: string, polygon: number[]) => engine().selectRows(source, polygon),
  pointInfo: (index: number) => engine().pointInfo(index),
  labelErrors: (req: LabelErrorsRequest, onProgress: (done: number, total: number) => void) =>
    engine().labelErrors(req, Comlink.proxy(onProgress)),
  cancelLabelErrors: () => engine().cancelLabelErrors(),
  umap: (embedding: string, onProgress: (done: number, total: number) => void) =>
    engine().umap(embedding, Comlink.proxy(onProgress)),
  cancelUmap: () => engine().cancelUmap(),
  scoreDistributions: (req: DistributionsRequest) => engine().scoreDistributions(req),
  scoreDensity: (req: DensityRequest) => engine().scoreDensity(req),
  calibrationCurves: (req: CalibrationRequest) => engine().calibrationCurves(req),
  operatingPoints: (req: OperatingPointsRequest) => engine().operatingPoints(req),
  matchOperatingPoint: (req: MatchRequest) => engine().matchOperatingPoint(req),
  evaluateRules: (req: RulesRequest) => engine().evaluateRules(req),
  rowRules: (req: RowRulesRequest) => engine().rowRules(req),
  findSlices: (req: SlicesRequest, onProgress: SlicesProgress) =>
    engine().findSlices(req, Comlink.proxy(onProgress)),
  cancelSlices: () => engine().cancelSlices(),
};
