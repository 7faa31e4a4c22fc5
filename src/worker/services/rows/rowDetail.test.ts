import { describe, expect, it } from 'vitest';
import { tableToIPC, tableFromArrays } from 'apache-arrow';
import { Session } from '../../session/session';
import { rowsOf } from './rows';
import { rowDetail } from './rowDetail';
import { files, fixtureTable } from '../../../test/fixtures';

function open(...names: string[]) {
  const s = new Session();
  const r = s.openBytes(files(...names));
  s.analyse(r.summary!.inferred);
  return rowsOf(s.dataset);
}

const wide = fixtureTable('wide.arrow');
const get = (name: string, i: number) => wide.getChild(name)!.get(i);
const idOf = (i: number) => String(get('id', i));
/** Rows picked by hand from the raw file: the first of each kind of flip. */
function firstRow(test: (label: number, a: number, b: number) => boolean): number {
  for (let i = 0; i < wide.numRows; i++)
    if (test(get('label', i), get('pred_v1', i), get('pred_v2', i))) return i;
  throw new Error('no such row');
}

describe('findIds', () => {
  const svc = open('wide.arrow');
  it('finds exact int64 ids and suggests by prefix in sorted order', () => {
    const r = svc.findIds(idOf(42), 5);
    expect(r.exact).toEqual({ id: idOf(42), count: 1 });
    const all = Array.from({ length: 500 }, (_, i) => idOf(i)).sort();
    const prefix = idOf(42).slice(0, -1);
    const expected = all.filter((id) => id.startsWith(prefix)).slice(0, 8);
    expect(svc.findIds(prefix, 8).suggestions.map((h) => h.id)).toEqual(expected);
    expect(svc.findIds('nope', 5)).toMatchObject({
      hasIds: true,
      exact: null,
      suggestions: [],
      nearest: [], // asked for only on Enter
      distinct: 500,
      examples: [all[0], all[250], all[499]],
    });
    // On Enter, the ids nearest a typo: one inserted character is one edit from the id and at
    // least two from every other id (they differ from it in a digit as well).
    const typo = idOf(42).slice(0, 6) + 'x' + idOf(42).slice(6);
    expect(svc.findIds(typo, 5, true).nearest[0]).toEqual({ id: idOf(42), count: 1 });
  });

  it('counts duplicated ids', () => {
    const dup = open('dup-ids.arrow');
    const t = fixtureTable('dup-ids.arrow');
    expect(dup.findIds(String(t.getChild('id')!.get(3)), 5).exact?.count).toBe(2);
  });
});

describe('rowDetail', () => {
  const svc = open('wide.arrow');
  const detail = (row: string, extra = {}) =>
    rowDetail(svc, { row, cohort: null, cohorts: [], ...extra });

  it('puts flips into words, per hand-picked rows', () => {
    const cases: [number, RegExp][] = [
      [firstRow((l, a, b) => a === l && b !== l), /^correct under v1, wrong under v2/],
      [firstRow((l, a, b) => a !== l && b === l), /^wrong under v1, correct under v2/],
      [
        firstRow((l, a, b) => a !== l && b !== l && a !== b),
        /^wrong under both v1 and v2, prediction changed from \d to \d/,
      ],
      [firstRow((l, a, b) => a === l && b === l), /^correct under both v1 and v2/],
    ];
    for (const [i, sentence] of cases) {
      const d = detail(idOf(i));
      if (!d.found) throw new Error(d.message);
      expect(d.index).toBe(i);
      expect(d.flips[0]!.sentence).toMatch(sentence);
      expect(d.label).toBe(String(get('label', i)));
      expect(d.versions.map((v) => v.predicted)).toEqual([
        String(get('pred_v1', i)),
        String(get('pred_v2', i)),
      ]);
      expect(d.versions.map((v) => v.correct)).toEqual([
        get('pred_v1', i) === get('label', i),
        get('pred_v2', i) === get('label', i),
      ]);
    }
  });

  it('shows every column, the top probabilities and the percentile of p(predicted)', () => {
    const i = 17;
    const d = detail(idOf(i));
    if (!d.found) throw new Error(d.message);
    expect(d.features.map((f) => f.name)).toEqual(wide.schema.fields.map((f) => f.name));
    expect(d.features.find((f) => f.name === 'country')!.cell).toEqual({
      t: 'str',
      v: get('country', i),
    });
    const probs = Array.from(get('probs_v2', i) as Float32Array);
    const top = d.versions[1]!.top;
    expect(top.map((t) => t.p)).toEqual([...probs].sort((a, b) => b - a).slice(0, 5));
    // Percentile of p(predicted class) among all rows, counted from the raw file.
    const conf = (j: number) => {
      const p = Array.from(get('probs_v2', j) as Float32Array);
      return p[get('pred_v2', j)]!;
    };
    const x = conf(i);
    let below = 0;
    let equal = 0;
    for (let j = 0; j < 500; j++) {
      if (conf(j) < x) below++;
      else if (conf(j) === x) equal++;
    }
    expect(d.versions[1]!.percentile).toMatchObject({ value: x, below, equal, total: 500 });
    expect(d.versions[1]!.percentile!.percentile).toBeCloseTo(
      (100 * (below + equal / 2)) / 500,
      10,
    );
  });

  it('ranks within the active cohort and lists the cohorts the row is in', () => {
    const i = firstRow((l, a) => a === l);
    const inCohort = { op: 'outcome' as const, version: 'v1', correct: true };
    const cohorts = [
      { id: 'a', name: 'v1 right', predicate: inCohort },
      { id: 'b', name: 'v1 wrong', predicate: { ...inCohort, correct: false } },
      { id: 'c', name: 'broken', predicate: { op: 'isNull' as const, column: 'missing' } },
    ];
    const d = detail(idOf(i), { cohort: inCohort, cohorts });
    if (!d.found) throw new Error(d.message);
    let size = 0;
    for (let j = 0; j < 500; j++) if (get('pred_v1', j) === get('label', j)) size++;
    expect(d.cohortSize).toBe(size);
    expect(d.inActiveCohort).toBe(true);
    expect(d.versions[0]!.percentile!.total).toBe(size);
    expect(d.cohorts.map((c) => [c.id, c.member])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
    expect(d.cohorts[2]!.error).toMatch(/missing/);
  });

  it('ranks a row outside the active cohort among all rows', () => {
    const i = firstRow((l, a) => a !== l);
    const cohort = { op: 'outcome' as const, version: 'v1', correct: true };
    const d = detail(idOf(i), { cohort });
    if (!d.found) throw new Error(d.message);
    expect(d.inActiveCohort).toBe(false);
    const without = detail(idOf(i));
    if (!without.found) throw new Error(without.message);
    // The same rank as with no cohort active: all 500 rows, the row among them.
    expect(d.versions[0]!.percentile).toEqual(without.versions[0]!.percentile);
    expect(d.versions[0]!.percentile!.total).toBe(500);
  });

  it('answers an unknown id with a message', () => {
    expect(detail('no-such-id')).toEqual({
      found: false,
      query: 'no-such-id',
      message: 'No row with id “no-such-id”.',
    });
  });

  it('steps through rows sharing a duplicated id', () => {
    const dup = open('dup-ids.arrow');
    const t = fixtureTable('dup-ids.arrow');
    const id = String(t.getChild('id')!.get(3));
    const first = rowDetail(dup, { row: id, cohort: null, cohorts: [] });
    const second = rowDetail(dup, { row: id, cohort: null, cohorts: [], occurrence: 1 });
    expect(first).toMatchObject({ found: true, occurrences: 2, occurrence: 0, index: 3 });
    expect(second).toMatchObject({ found: true, occurrences: 2, occurrence: 1, index: 103 });
  });

  it('binary: ranks the score and shows both classes as bars', () => {
    const bin = open('preds_v2.arrow', 'features.arrow', 'preds_v1.arrow');
    const d = rowDetail(bin, { row: '1005', cohort: null, cohorts: [] });
    if (!d.found) throw new Error(d.message);
    const v1 = d.versions[0]!;
    expect(v1.percentile!.basis).toMatch(/^score/);
    expect(v1.top.map((t) => t.p).reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    const preds = fixtureTable('preds_v1.arrow');
    let score = NaN;
    for (let j = 0; j < preds.numRows; j++)
      if (String(preds.getChild('id')!.get(j)) === '1005') score = preds.getChild('score')!.get(j);
    expect(v1.score).toBe(score);
  });

  it('finds rows by number in a dataset without ids', () => {
    const t = tableFromArrays({
      label: Int32Array.from([0, 1, 1]),
      pred_a: Int32Array.from([0, 1, 0]),
      pred_b: Int32Array.from([1, 1, 0]),
    });
    const s = new Session();
    s.analyse(
      s.openBytes([{ name: 'noid.arrow', bytes: tableToIPC(t, 'file') }]).summary!.inferred,
    );
    const svc2 = rowsOf(s.dataset);
    expect(svc2.findIds('#2', 5)).toMatchObject({
      hasIds: false,
      exact: { id: '#2', count: 1 },
      suggestions: [{ id: '#2', count: 1 }],
    });
    const d = rowDetail(svc2, { row: '#2', cohort: null, cohorts: [] });
    expect(d).toMatchObject({ found: true, index: 2, id: null });
    if (d.found)
      expect(d.flips[0]!.sentence).toBe(
        'wrong under both a and b, both predicted 0 (the label is 1)',
      );
    const missing = rowDetail(svc2, { row: 'x', cohort: null, cohorts: [] });
    expect(missing).toMatchObject({ found: false });
    if (!missing.found) expect(missing.message).toMatch(/#0 to #2/);
  });
});
