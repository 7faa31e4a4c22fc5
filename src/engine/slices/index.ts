export { binColumn, formatValue, MAX_CATEGORIES } from './bins';
export { searchSlices } from './search';
export {
  addVariant,
  keyOf,
  slicePredicate,
  sliceRows,
  toResult,
  unflip,
  type Tested,
} from './merge';
export { buildTarget } from './target';
export type { TargetInput } from './target';
export { pairedErrorRates, pairedMae } from './versions';
export type { Estimate, VersionsOnSlice } from './versions';
export * from './types';
