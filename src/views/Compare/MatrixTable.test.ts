import { interpolateRdBu } from 'd3';
import { describe, expect, it } from 'vitest';
import { differenceColour } from './MatrixTable';

describe('difference matrix colours', () => {
  const red = interpolateRdBu(0); // the worse end
  const blue = interpolateRdBu(1); // the better end
  it('colours more errors off the diagonal red and more correct rows on it blue', () => {
    expect(differenceColour(5, 5, false)).toBe(red);
    expect(differenceColour(5, 5, true)).toBe(blue);
    expect(differenceColour(-5, 5, true)).toBe(red);
    expect(differenceColour(-5, 5, false)).toBe(blue);
  });
});
