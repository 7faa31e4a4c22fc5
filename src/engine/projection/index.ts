export { type Pca2, covariance, pca2 } from './pca';
export { jacobiEigen, topEigen } from './eigen';
export {
  type Bounds,
  type PointGrid,
  buildGrid,
  layoutBounds,
  nearestInGrid,
} from '../../shared/pointGrid';
export { pointsInPolygon } from './polygon';
