import { describe, expect, it } from 'vitest';
import {
  Field,
  FixedSizeList,
  Float32,
  Table,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { Session } from '../../session/session';
import { neighboursOf } from './neighbours';
import { embeddingsOf } from './embeddings';
import { labelErrors } from './scan';
import { cancelUmap, umapLayout } from './umap';
import { files, fixtureTable } from '../../../test/fixtures';
import { HIDDEN } from '../../../protocol';

function service() {
  const s = new Session();
  const r = s.openBytes(files('wide.arrow'));
  s.analyse(r.summary!.inferred);
  return embeddingsOf(s.dataset);
}

/** The fixture's vectors read through arrow-js rows (independent of our column reader). */
function vectorsOf(name: string) {
  const t = fixtureTable('wide.arrow');
  const col = t.getChild(name)!;
  const ids = t.getChild('id')!;
  return {
    ids: Array.from({ length: t.numRows }, (_, i) => String(ids.get(i))),
    rows: Array.from({ length: t.numRows }, (_, i) => {
      const v = col.get(i);
      return v === null ? null : (Array.from(v.toArray()) as number[]);
    }),
  };
}

describe('embedding map worker service (wide.arrow)', () => {
  it('lays out every row with a vector, and hides the others from colour codes', () => {
    const s = service();
    const { rows } = vectorsOf('embedding');
    const l = s.layout('embedding');
    expect(l.coords.length).toBe(2 * rows.length);
    expect(l.valid).toBe(rows.filter(Boolean).length);
    const colors = s.pointColors({ kind: 'label' }, 'embedding', null);
    rows.forEach((r, i) => expect(colors.codes[i] === HIDDEN).toBe(r === null));
    const total = colors.legend.reduce((sum, e) => sum + e.count, 0);
    expect(total).toBe(rows.length);
  });

  it('lists the euclidean neighbours of a row by id, as brute force over arrow-js rows does', () => {
    const s = service();
    const { ids, rows } = vectorsOf('embedding');
    const q = rows.findIndex(Boolean);
    const res = neighboursOf(s, {
      row: ids[q]!,
      k: 5,
      metric: 'euclidean',
      embedding: 'embedding',
      cohort: null,
    });
    const want = rows
      .map((r, i) => ({
        i,
        d: r && i !== q ? Math.hypot(...r.map((x, j) => x - rows[q]![j]!)) : Infinity,
      }))
      .filter((x) => x.d < Infinity)
      .sort((a, b) => a.d - b.d || a.i - b.i)
      .slice(0, 5);
    expect(res.error).toBeNull();
    expect(res.rows.map((r) => r.index)).toEqual(want.map((w) => w.i));
    res.rows.forEach((r, j) => expect(r.distance).toBeCloseTo(want[j]!.d, 4));
    expect(res.rows[0]!.id).toBe(ids[want[0]!.i]);
    expect(res.candidates).toBe(rows.filter(Boolean).length - 1);
  });

  it('says how many neighbours two embeddings share (one per version)', () => {
    // Two embeddings of 6 rows on a line; v2 swaps rows 1 and 4, so row 0's neighbours change.
    const v1 = [0, 1, 2, 3, 4, 5];
    const v2 = [0, 4, 2, 3, 1, 5];
    const vec = (xs: number[]) => {
      const child = makeData({
        type: new Float32(),
        length: 12,
        data: Float32Array.from(xs.flatMap((x) => [x, 1])),
      });
      const type = new FixedSizeList(2, new Field('item', new Float32(), false));
      return makeVector(makeData({ type, length: 6, nullCount: 0, child }));
    };
    const t = new Table({
      id: vectorFromArray(['a', 'b', 'c', 'd', 'e', 'f'], new Utf8()),
      label: makeVector(Int32Array.from([0, 0, 1, 1, 0, 1])),
      embedding_v1: vec(v1),
      embedding_v2: vec(v2),
    });
    const sess = new Session();
    const r = sess.openBytes([{ name: 'two.arrow', bytes: tableToIPC(t, 'file') }]);
    sess.analyse({ ...r.summary!.inferred, embeddings: ['embedding_v1', 'embedding_v2'] });
    const res = neighboursOf(embeddingsOf(sess.dataset), {
      row: 'a',
      k: 2,
      metric: 'euclidean',
      embedding: 'embedding_v1',
      cohort: null,
    });
    expect(res.rows.map((x) => x.id)).toEqual(['b', 'c']);
    // In v2, a's two nearest are c (2) and d (3): one of b, c stays.
    expect(res.overlap).toEqual([{ embedding: 'embedding_v2', shared: 1, k: 2 }]);
  });

  it('says why there is no answer for an unknown row or a row without a vector', () => {
    const s = service();
    const { rows } = vectorsOf('embedding');
    expect(
      neighboursOf(s, {
        row: 'no-such-id',
        k: 3,
        metric: 'cosine',
        embedding: 'embedding',
        cohort: null,
      }).error,
    ).toMatch(/no row/);
    const nullRow = rows.findIndex((r) => r === null);
    if (nullRow >= 0) {
      expect(
        neighboursOf(s, {
          row: nullRow,
          k: 3,
          metric: 'cosine',
          embedding: 'embedding',
          cohort: null,
        }).error,
      ).toMatch(/no embedding/);
    }
  });

  it('selects the rows inside a polygon and makes an ids cohort of them', () => {
    const s = service();
    const l = s.layout('embedding');
    const { minX, maxX, minY, maxY } = l.bounds;
    const cx = (minX + maxX) / 2;
    const cy = (minY + maxY) / 2;
    // The far corners sit outside the data so no point lies on an edge.
    const box = [minX - 1, minY - 1, cx, minY - 1, cx, cy, minX - 1, cy];
    const sel = s.selectRows('embedding', box);
    let want = 0;
    for (let i = 0; i < l.coords.length / 2; i++) {
      const x = l.coords[2 * i]!;
      const y = l.coords[2 * i + 1]!;
      if (x < cx && y < cy) want++;
    }
    expect(sel.count).toBe(want);
    expect(sel.predicate?.op).toBe('ids');
  });

  it('ranks likely label errors over the whole set', async () => {
    const s = service();
    const res = await labelErrors(s, {
      embedding: 'embedding',
      k: 5,
      metric: 'cosine',
      cohort: null,
      restrict: false,
    });
    expect(res.checked).toBe(res.total);
    expect(res.cancelled).toBe(false);
    const strength = (r: (typeof res.suspects)[number]) => r.majorityCount / r.labelled;
    for (const r of res.suspects) {
      // A strict majority of the neighbours holds one label, and it is not the row's.
      expect(2 * r.majorityCount).toBeGreaterThan(r.labelled);
      expect(r.majority).not.toBe(r.label);
    }
    for (let j = 1; j < res.suspects.length; j++) {
      expect(strength(res.suspects[j]!)).toBeLessThanOrEqual(strength(res.suspects[j - 1]!));
    }
  });

  it('lays out a UMAP on request, places only rows with a vector, and can be cancelled', async () => {
    const s = service();
    const { rows } = vectorsOf('embedding');
    const cancelled = umapLayout(s, 'embedding');
    cancelUmap();
    await expect(cancelled).rejects.toThrow('UMAP cancelled');
    const seen: number[] = [];
    const l = await umapLayout(s, 'embedding', (done) => seen.push(done));
    expect(l.method).toBe('umap');
    expect(l.fitted).toBe(rows.filter(Boolean).length);
    rows.forEach((r, i) => expect(Number.isNaN(l.coords[2 * i]!)).toBe(r === null));
    expect(seen.length).toBeGreaterThan(0);
    expect(s.selectRows('umap:embedding', [-1e9, -1e9, 1e9, -1e9, 1e9, 1e9, -1e9, 1e9]).count).toBe(
      l.valid,
    );
  });
});
