export { binColumn, MAX_CATEGORIES } from './bins';
export { searchSlices } from './search';
export { slicePredicate } from './merge';
export { buildTarget } from './target';
export type { TargetInput } from './target';
export * from './types';
