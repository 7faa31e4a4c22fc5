import * as Comlink from 'comlink';
import { Session } from './session';
import type { CohortDef, Field, Progress, Source } from './protocol';
import type { RoleMapping } from '../data/roles';

const session = new Session();

/** The worker's public surface; reached only through `client.ts`. */
const api = {
  open: (sources: Source[], onProgress: (p: Progress) => void) => session.open(sources, onProgress),
  analyse: (mapping: RoleMapping) => session.analyse(mapping),
  cohorts: (defs: CohortDef[]) => session.cohorts(defs),
  profile: (field: Field, search?: string) => session.profile(field, search),
};

export type EngineApi = typeof api;

Comlink.expose(api);
