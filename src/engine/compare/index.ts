export { flips } from './flips';
export type { FlipCounts, FlipRates } from './flips';
export { transitionMatrix, confusionDelta, rowNormalize } from './transition';
export type { ConfusionDelta } from './transition';
export { topClassesByErrorMass, groupMatrix } from './errorMass';
export type { ClassSelection } from './errorMass';
export { thresholdStats, matchOperatingPoint } from './threshold';
export type { ThresholdStats, MatchedOperatingPoint } from './threshold';
export { thresholdPredictions } from './predictions';
export { scoreHistogram, jointHistogram2D, dataRange } from './histogram';
export type { Histogram, Histogram2D, Range } from './histogram';
export { shareAbove, shareAboveChange, aboveOutcome } from './shareAbove';
export type { ShareAbove, ShareAboveChange } from './shareAbove';
export {
  operatingCurve,
  curveAuc,
  curveAp,
  rocLine,
  prLine,
  pointAtFalsePositives,
  matchedMark,
  thresholdMark,
} from './curves';
export type { OperatingCurve, CurveLine, CurveRates } from './curves';
