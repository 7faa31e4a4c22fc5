export { type Metric, type KnnOptions, nearest, nearestToRow } from './knn';
export { rowNorms } from './kernels';
export type { Neighbours } from './topk';
export {
  type LabelAgreement,
  type SuspectRow,
  labelAgreement,
  sharedNeighbours,
  rankSuspects,
  scanCap,
} from './agreement';
export { seededRandom, sampleRows, validRows } from './sample';
