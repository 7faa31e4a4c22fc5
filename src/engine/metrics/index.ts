export {
  confusionMatrix,
  confusionMatrices,
  classificationSummary,
  summaryOfMatrix,
} from './classification';
export type { ClassMetrics, ClassificationSummary } from './classification';
export { rocAuc } from './binary';
export { averagePrecision } from './averagePrecision';
export { regressionSummary } from './regression';
export type { RegressionSummary } from './regression';
export { logLoss, brierScore, binaryLogLoss, binaryBrierScore, defaultEps } from './probabilistic';
export { calibration, binaryCalibration } from './calibration';
export type { Calibration, ReliabilityBins } from './calibration';
export {
  correctness,
  absoluteErrors,
  squaredErrors,
  logLossPerRow,
  brierPerRow,
  binaryLogLossPerRow,
  binaryBrierPerRow,
} from './perRow';
export { binaryLabels } from './perRow';
