import { describe, expect, it } from 'vitest';
import { datasetLinkSearch, linkFits, parseDatasetLink } from './datasetLink';
import type { DatasetSummary, Source } from '../protocol';

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

describe('the dataset link written into the address bar', () => {
  const summary = { fingerprint: '0a1b2c3d', files: ['dir/a.arrow', 'b.arrow'], numRows: 400 };
  const files = [
    { kind: 'file', file: null },
    { kind: 'file', file: null },
  ] as unknown as Source[];
  const write = (search: string) => datasetLinkSearch(search, summary as DatasetSummary, files);

  it('names the dataset and drops the demo of a local open', () => {
    const q = new URLSearchParams(write('?demo=flights&view=rows'));
    expect(q.get('ds')).toBe('0a1b2c3d');
    expect(q.getAll('file')).toEqual(['a.arrow', 'b.arrow']);
    expect(q.get('n')).toBe('400');
    expect(q.has('demo')).toBe(false);
    expect(q.get('view')).toBe('rows');
  });

  it('leaves a link that already names it as it is, whatever the view state added after it', () => {
    const once = write('');
    // The view state appends its parameters behind the file names (urlState.ts).
    const later = `${once}&view=compare&active=c1`;
    expect(write(later)).toBe(later);
    // Other files: the names are replaced.
    const other = later.replace('file=b.arrow', 'file=c.arrow');
    expect(new URLSearchParams(write(other)).getAll('file')).toEqual(['a.arrow', 'b.arrow']);
  });
});
