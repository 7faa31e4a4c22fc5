import { describe, expect, it } from 'vitest';
import { linkFits, parseDatasetLink } from './datasetLink';

describe('dataset links', () => {
  it('reads fingerprint, file names and rows', () => {
    expect(parseDatasetLink('?ds=0a1b2c3d&file=a.arrow&file=b.arrow&n=400&row=x')).toEqual({
      fingerprint: '0a1b2c3d',
      files: ['a.arrow', 'b.arrow'],
      rows: 400,
    });
  });

  it('ignores a malformed fingerprint and a bad row count', () => {
    expect(parseDatasetLink('?ds=<script>&file=a.arrow')).toBeNull();
    expect(parseDatasetLink('?ds=0a1b2c3d&n=-3')!.rows).toBe(0);
  });

  it("applies a link's state only to the dataset it names (or to any, for old links)", () => {
    const link = parseDatasetLink('?ds=0a1b2c3d');
    expect(linkFits(link, '0a1b2c3d')).toBe(true);
    expect(linkFits(link, 'ffffffff')).toBe(false);
    expect(linkFits(null, 'ffffffff')).toBe(true);
  });
});
