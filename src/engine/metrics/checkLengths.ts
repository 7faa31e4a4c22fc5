/**
 * Metric kernels index parallel columns by row; a length mismatch means the caller paired the
 * wrong columns, which would otherwise surface as silently wrong numbers.
 */
export function checkLengths(
  n: number,
  other: ArrayLike<unknown>,
  mask: ArrayLike<unknown> | undefined,
): void {
  if (other.length !== n) {
    throw new RangeError(`column length mismatch: ${n} vs ${other.length}`);
  }
  if (mask !== undefined && mask.length !== n) {
    throw new RangeError(`mask length ${mask.length} does not match column length ${n}`);
  }
}
