export { type Pca2, covariance, pca2 } from './pca';
export { jacobiEigen, topEigen } from './eigen';
export { type Bounds, type PointGrid, buildGrid, layoutBounds, nearestInGrid } from './grid';
export { pointsInPolygon } from './polygon';
