export { binColumn, MAX_CATEGORIES } from './bins';
export { searchSlices } from './search';
export { slicePredicate, sliceRows } from './merge';
export { buildTarget } from './target';
export type { TargetInput } from './target';
export { pairedErrorRates, pairedMae } from './versions';
export type { Estimate, VersionsOnSlice } from './versions';
export * from './types';
