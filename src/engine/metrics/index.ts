export { confusionMatrix, classificationSummary } from './classification';
export type { ClassMetrics, ClassificationSummary } from './classification';
export { rocAuc } from './binary';
export { regressionSummary } from './regression';
export type { RegressionSummary } from './regression';
