import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fmix32 } from '../../engine/stats/poisson';
import { pointsInPolygon } from '../../engine/projection';
import {
  type LayoutResult,
  type PointColors,
  type SelectionResult,
  FILE_COORDS,
  HIDDEN,
} from '../../protocol';
import { type Contract, expectClose, openContract, WIDE_PARQUET } from '../../test/serverContract';
import { MAP_ROWS, writeMapParquet } from '../../test/mapFixture';
import { MAP_SAMPLE_KEY } from '../sql/sample';

/** The legend label each point's code stands for (codes may be numbered differently). */
function labelsOf(c: PointColors): string[] {
  const names = new Map(c.legend.map((e) => [e.code, e.label]));
  return Array.from(c.codes, (k) => (k === HIDDEN ? 'hidden' : (names.get(k) ?? `?${k}`)));
}

const sorted = (c: PointColors) => [...c.legend].sort((a, b) => a.label.localeCompare(b.label));

describe('contract map: below the sample cap every row is drawn, as in the tab', () => {
  let c: Contract;
  beforeAll(async () => {
    c = await openContract(WIDE_PARQUET);
    await c.ask('analyse', c.opened[0].summary!.inferred);
  });
  afterAll(() => c.close());

  it('the PCA layout of the embedding: the same positions, axes and variance kept', async () => {
    const [a, b] = (await c.ask('layout', 'embedding')) as [LayoutResult, LayoutResult];
    expect(b.sample!.rows).toEqual(Int32Array.from({ length: 500 }, (_, i) => i));
    expect(b.sample!.of).toBe(500);
    expectClose(b.coords, a.coords);
    expectClose(b.explained, a.explained);
    expect(b.valid).toBe(a.valid);
    expectClose(b.bounds, a.bounds);
  });

  it('colours: label, prediction, correct/wrong, flips, cohort and columns', async () => {
    await c.ask('layout', 'embedding');
    const cohort = { op: 'in' as const, column: 'country', values: ['DE'] };
    for (const by of [
      { kind: 'label' },
      { kind: 'predicted', version: 'v1' },
      { kind: 'outcome', version: 'v2' },
      { kind: 'flip', from: 'v1', to: 'v2' },
      { kind: 'cohort' },
      { kind: 'column', name: 'age' },
      { kind: 'column', name: 'country' },
      { kind: 'column', name: 'is_member' },
      { kind: 'column', name: 'signup' },
    ]) {
      const [a, b] = (await c.ask('pointColors', by, 'embedding', cohort)) as PointColors[];
      expect(labelsOf(b!), JSON.stringify(by)).toEqual(labelsOf(a!));
      expect(sorted(b!)).toEqual(sorted(a!));
      expect([b!.ramp, b!.title]).toEqual([a!.ramp, a!.title]);
    }
  });

  it('a point names its row; a lasso selects the same ids', async () => {
    const [pa, pb] = await c.ask('pointInfo', 123);
    expect(pb).toEqual(pa);
    const [l] = (await c.ask('layout', 'embedding')) as LayoutResult[];
    const { minX, maxX, minY, maxY } = l!.bounds;
    const [mx, my] = [(minX + maxX) / 2, (minY + maxY) / 2];
    // A concave "V" over the middle, and a box, as the Scatter sends them.
    for (const poly of [
      [minX, minY, mx, minY, mx, my, maxX, maxY, minX, maxY],
      [minX, minY, mx + 0.1, minY, mx + 0.1, my, minX, my],
    ]) {
      const [a, b] = (await c.ask('selectRows', 'embedding', poly)) as SelectionResult[];
      expect(a!.count).toBeGreaterThan(10);
      expect(b).toEqual(a);
    }
  });

  it('UMAP says it is not available in server mode', async () => {
    await expect(c.server.call('umap', ['embedding'])).rejects.toThrow(
      /not available in server mode/,
    );
  });
});

describe('contract map: above the cap, a hashed sample of the rows', () => {
  let c: Contract;
  const CAP = 1000;
  beforeAll(async () => {
    c = await openContract(await writeMapParquet(), CAP);
    await c.ask('analyse', c.opened[0].summary!.inferred);
  });
  afterAll(() => c.close());

  it('the sample is the rows of smallest fmix32(row ^ key), computed here in JS', async () => {
    const order = Array.from({ length: MAP_ROWS }, (_, r) => r).sort(
      (x, y) => fmix32(x ^ MAP_SAMPLE_KEY) - fmix32(y ^ MAP_SAMPLE_KEY) || x - y,
    );
    const want = Int32Array.from(order.slice(0, CAP)).sort();
    const [, b] = (await c.ask('layout', FILE_COORDS)) as LayoutResult[];
    expect(b!.sample).toEqual({ rows: want, of: MAP_ROWS });
    // Any other layout draws the same rows.
    const [, e] = (await c.ask('layout', 'embedding')) as LayoutResult[];
    expect(e!.sample!.rows).toEqual(want);
  });

  it('each drawn point sits where the tab puts its row; the lasso selects every row inside', async () => {
    const [a, b] = (await c.ask('layout', FILE_COORDS)) as LayoutResult[];
    const rows = b!.sample!.rows;
    const atRows = new Float32Array(2 * rows.length);
    rows.forEach((r, i) => atRows.set(a!.coords.subarray(2 * r, 2 * r + 2), 2 * i));
    expectClose(b!.coords, atRows);
    expect(b!.valid).toBeLessThan(CAP);
    const poly = [-5, -5, 8, -4, 0, 0, 8, 6, -6, 5];
    const [sa, sb] = (await c.ask('selectRows', FILE_COORDS, poly)) as SelectionResult[];
    // All rows inside, drawn or not: the engine's rule over every row of the tab's layout.
    expect(sb!.count).toBe(pointsInPolygon(a!.coords, poly).length);
    expect(sb!.count).toBeGreaterThan(CAP / 2);
    expect(sb).toEqual(sa);
    const [ca, cb] = (await c.ask(
      'pointColors',
      { kind: 'label' },
      FILE_COORDS,
      null,
    )) as PointColors[];
    expect(labelsOf(cb!)).toEqual(Array.from(rows, (r) => labelsOf(ca!)[r]));
    // Point 0 is the sample's first row.
    const info = (await c.server.call('pointInfo', [0])) as unknown;
    expect(info).toEqual(await c.tab.pointInfo!(rows[0] as never));
  });

  it('a lasso over the PCA of a sample selects by the sample’s axes, over every row', async () => {
    const [, b] = (await c.ask('layout', 'embedding')) as LayoutResult[];
    const { minX, maxX, minY, maxY } = b!.bounds;
    const poly = [minX, minY, (minX + maxX) / 2, minY, (minX + maxX) / 2, maxY, minX, maxY];
    const sel = (await c.server.call('selectRows', ['embedding', poly])) as SelectionResult;
    // The drawn points inside are a subset of the rows selected: every one of them is found.
    const drawn = pointsInPolygon(b!.coords, poly).length;
    expect(drawn).toBeGreaterThan(10);
    expect(sel.count).toBeGreaterThanOrEqual(drawn);
    expect(sel.count).toBeGreaterThan(drawn * 2);
  });
});
