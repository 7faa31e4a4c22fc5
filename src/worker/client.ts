import * as Comlink from 'comlink';
import type { EngineApi } from './engine.worker';
import type { CohortDef, Field, Progress, Source } from './protocol';
import type { RoleMapping } from '../data/roles';
import type { RowDetailRequest, RowsRequest } from './rowsProtocol';

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
  open: (sources: Source[], onProgress: (p: Progress) => void) =>
    engine().open(sources.map(absolute), Comlink.proxy(onProgress)),
  analyse: (mapping: RoleMapping) => engine().analyse(mapping),
  cohorts: (defs: CohortDef[]) => engine().cohorts(defs),
  profile: (field: Field, search?: string) => engine().profile(field, search),
  rowColumns: () => engine().rowColumns(),
  rows: (req: RowsRequest) => engine().rows(req),
  findIds: (prefix: string, limit: number) => engine().findIds(prefix, limit),
  rowDetail: (req: RowDetailRequest) => engine().rowDetail(req),
};
