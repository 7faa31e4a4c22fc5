export { wilson } from './wilson';
export type { Interval } from './wilson';
export { mcnemar, MCNEMAR_EXACT_BELOW } from './mcnemar';
export type { McNemarResult } from './mcnemar';
export { benjaminiHochberg } from './bh';
export type { FdrResult } from './bh';
export { erfc, normalSf, chi2Sf1 } from './normal';
export { Xoshiro128 } from './prng';
export { sampleBinomial, sampleMultinomial } from './binomial';
export {
  ProgressiveBootstrap,
  bootstrap,
  pairedBootstrap,
  percentileInterval,
  quantileSorted,
} from './bootstrap';
export type { BootstrapOptions, BootstrapInterval } from './bootstrap';
export type { Statistic, WeightedStatistic, CountStatistic, PairedStatistic } from './statistic';
export {
  proportionStatistic,
  pairedProportionStatistic,
  pairedProportionFromCounts,
  meanStatistic,
  pairedMeanStatistic,
} from './statistics';
export type { MeanOptions } from './statistics';
export { rankStatistic, pairedRankStatistic } from './rankStatistics';
export { rowsFromMask } from './rows';
export { argsortFloats } from './argsort';
export { binomialUpper, incompleteBeta, logGamma, studentSf } from './distributions';
export { Z95, binomialMarginP, clopperPearson, normalMarginP, pairedDifference } from './margin';
