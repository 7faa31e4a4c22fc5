import { describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { Session } from '../../session/session';
import { rowsOf } from './rows';
import { files, fixtureTable } from '../../../test/fixtures';
import type { Cell } from '../../../protocol';

function service(...names: string[]) {
  const s = new Session();
  const r = s.openBytes(files(...names));
  s.analyse(r.summary!.inferred);
  return rowsOf(s.dataset);
}

/** Expected order computed from arrow-js get(): values compared as given, nulls last, ties by row. */
function expectedOrder(t: Table, name: string, desc: boolean, keep = (_i: number) => true) {
  const col = t.getChild(name)!;
  const idx = [...Array(t.numRows).keys()].filter(keep);
  const valid = idx.filter((i) => col.get(i) !== null && !Number.isNaN(col.get(i)));
  const nulls = idx.filter((i) => !valid.includes(i));
  const s = desc ? -1 : 1;
  valid.sort((a, b) => {
    const x = col.get(a);
    const y = col.get(b);
    return x < y ? -s : x > y ? s : a - b;
  });
  return [...valid, ...nulls];
}

const all = (svc: ReturnType<typeof service>, req: Parameters<typeof svc.rows>[0]) => {
  const page = svc.rows({ ...req, offset: 0, limit: 2000 });
  return page.rows.map((r) => r.index);
};

describe('rows: sorting in the worker', () => {
  const svc = service('wide.arrow');
  const t = fixtureTable('wide.arrow');

  it.each([
    ['age', false],
    ['age', true],
    ['country', false],
    ['segment', true],
    ['signup', true],
    ['id', true],
    ['is_member', false],
  ])('by %s (desc %s) matches arrow-js values sorted in the test', (column, desc) => {
    const got = all(svc, {
      cohort: null,
      sort: { column, desc },
      columns: [],
      offset: 0,
      limit: 0,
    });
    expect(got).toEqual(expectedOrder(t, column, desc));
  });

  it('restricts to the cohort, and sorts within it', () => {
    const keep = (i: number) => {
      const a = t.getChild('age')!.get(i);
      return a !== null && a >= 30 && a <= 50;
    };
    const cohort = { op: 'range' as const, column: 'age', min: 30, max: 50 };
    const page = svc.rows({ cohort, sort: null, offset: 0, limit: 5, columns: ['age'] });
    expect(page.total).toBe([...Array(500).keys()].filter(keep).length);
    const sorted = all(svc, {
      cohort,
      sort: { column: 'segment', desc: false },
      columns: [],
      offset: 0,
      limit: 0,
    });
    expect(sorted).toEqual(expectedOrder(t, 'segment', false, keep));
  });

  it('pages concatenate to the whole order; offsets past the end are empty', () => {
    const sort = { column: 'age', desc: false };
    const whole = all(svc, { cohort: null, sort, columns: [], offset: 0, limit: 0 });
    const pages: number[] = [];
    for (let offset = 0; offset < 500; offset += 64) {
      const p = svc.rows({ cohort: null, sort, offset, limit: 64, columns: [] });
      expect(p.offset).toBe(offset);
      pages.push(...p.rows.map((r) => r.index));
    }
    expect(pages).toEqual(whole);
    expect(svc.rows({ cohort: null, sort, offset: 900, limit: 10, columns: [] }).rows).toEqual([]);
  });

  it('reuses the sorted order while scrolling (no re-sort per page)', () => {
    const sort = { column: 'segment', desc: true };
    const a = svc.order(null, sort);
    svc.rows({ cohort: null, sort, offset: 200, limit: 50, columns: [] });
    expect(svc.order(null, sort)).toBe(a);
  });

  it('answers a bad cohort or sort with an error, not a throw', () => {
    const bad = { op: 'range' as const, column: 'nope', min: 0, max: 1 };
    const p = svc.rows({ cohort: bad, sort: null, offset: 0, limit: 10, columns: [] });
    expect(p).toMatchObject({ total: 0, rows: [] });
    expect(p.error).toMatch(/nope/);
    const q = svc.rows({
      cohort: null,
      sort: { column: 'embedding', desc: false },
      offset: 0,
      limit: 1,
      columns: [],
    });
    expect(q.error).toMatch(/cannot be sorted/);
  });
});

describe('rows: cells and role columns', () => {
  const svc = service('wide.arrow');
  const t = fixtureTable('wide.arrow');
  const get = (name: string, i: number) => t.getChild(name)!.get(i);

  it('returns typed cells that match the raw values', () => {
    const columns = ['id', 'age', 'country', 'is_member', 'signup', 'probs_v1', 'embedding'];
    const page = svc.rows({ cohort: null, sort: null, offset: 0, limit: 500, columns });
    for (const r of page.rows) {
      const i = r.index;
      const [id, age, country, member, signup, probs, emb] = r.cells as Cell[];
      expect(id).toEqual({ t: 'int64', v: String(get('id', i)) });
      expect(r.id).toBe(String(get('id', i)));
      expect(age).toEqual(get('age', i) === null ? null : { t: 'num', v: get('age', i) });
      expect(country).toEqual({ t: 'str', v: get('country', i) });
      expect(member).toEqual({ t: 'bool', v: get('is_member', i) });
      expect(signup).toEqual({ t: 'time', v: Number(get('signup', i)), dateOnly: false });
      const p = Array.from(get('probs_v1', i) as Float32Array);
      const best = p.indexOf(Math.max(...p));
      expect(probs).toMatchObject({ t: 'probs' });
      expect(probs && probs.t === 'probs' && probs.top[0]).toEqual({
        cls: String(best),
        p: p[best],
      });
      expect(emb).toMatchObject({
        t: 'vec',
        dim: 8,
        head: Array.from(get('embedding', i)).slice(0, 3),
      });
    }
  });

  it('derives correct/wrong per version and the flip between versions', () => {
    const keys = svc.columns().map((c) => c.key);
    expect(keys).toEqual(
      expect.arrayContaining([':correct:v1', ':conf:v2', ':ptrue:v1', ':flip:v1:v2']),
    );
    const page = svc.rows({
      cohort: null,
      sort: null,
      offset: 0,
      limit: 500,
      columns: [':correct:v1', ':flip:v1:v2'],
    });
    const counts: Record<string, number> = {};
    for (const r of page.rows) {
      const ok = get('label', r.index) === get('pred_v1', r.index);
      expect(r.cells[0]).toEqual({ t: 'str', v: ok ? 'correct' : 'wrong' });
      const w = (r.cells[1] as { v: string }).v;
      counts[w] = (counts[w] ?? 0) + 1;
    }
    // The fixture's README: 63 rows v1 right & v2 wrong, 130 the other way.
    expect(counts['correct → wrong']).toBe(63);
    expect(counts['wrong → correct']).toBe(130);
  });

  it('sorts a flip column in meaning order: rows that got worse first', () => {
    const page = svc.rows({
      cohort: null,
      sort: { column: ':flip:v1:v2', desc: false },
      offset: 0,
      limit: 64,
      columns: [':flip:v1:v2'],
    });
    expect(
      page.rows.slice(0, 63).every((r) => (r.cells[0] as { v: string }).v === 'correct → wrong'),
    ).toBe(true);
    expect(page.rows[63]!.cells[0]).toEqual({ t: 'str', v: 'wrong → correct' });
  });
});
