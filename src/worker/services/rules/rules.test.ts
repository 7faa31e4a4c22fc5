import { beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { Session } from '../../session/session';
import { evaluateRules } from './rules';
import { rowRules } from './row';
import type { CohortDef, ReleaseRule, RuleCell, RulesResult } from '../../../protocol';

type Columns = Parameters<typeof tableFromArrays>[0];

function open(columns: Columns) {
  const bytes = tableToIPC(tableFromArrays(columns), 'file');
  const s = new Session();
  const r = s.openBytes([{ name: 'planted.arrow', bytes }]);
  s.analyse(r.summary!.inferred);
  return s.dataset;
}

const group = (name: string): CohortDef => ({
  id: name,
  name,
  predicate: { op: 'in', column: 'group', values: [name] },
});

/**
 * Binary scores with planted moves across 0.7: 'rise5' (2,000 rows, 100 move from 0.6 to 0.8:
 * +5 points), 'rise02' (2,000 rows, 4 move: +0.2 points), 'tiny' (40 rows, 2 move: +5 points).
 */
function plantedShares() {
  const groups: [string, number, number][] = [
    ['rise5', 2000, 100],
    ['rise02', 2000, 4],
    ['tiny', 40, 2],
  ];
  const g: string[] = [];
  const v1: number[] = [];
  const v2: number[] = [];
  const label: number[] = [];
  for (const [name, n, moved] of groups) {
    for (let i = 0; i < n; i++) {
      g.push(name);
      label.push(i % 3 === 0 ? 1 : 0);
      v1.push(i % 2 === 0 ? 0.6 : 0.2);
      // Rows 0, 2, 4, … sit at 0.6 under v1; the first `moved` of them rise to 0.8 under v2.
      v2.push(i % 2 === 0 && i / 2 < moved ? 0.8 : i % 2 === 0 ? 0.6 : 0.2);
    }
  }
  return open({
    id: g.map((_, i) => `r${i}`),
    label: Int32Array.from(label),
    score_v1: Float32Array.from(v1),
    score_v2: Float32Array.from(v2),
    group: g,
  });
}

const rule70: ReleaseRule = {
  id: 'r70',
  kind: 'share-above-rise',
  threshold: 0.7,
  maxRisePoints: 1,
};
const cellOf = (cells: RuleCell[], cohortId: string, ruleId = 'r70') =>
  cells.find((c) => c.cohortId === cohortId && c.ruleId === ruleId)!;

describe('evaluateRules: share of scores above 0.7', () => {
  const d = plantedShares();
  let res: RulesResult;
  beforeAll(async () => {
    res = await evaluateRules(d, {
      rules: [rule70],
      cohorts: ['rise5', 'rise02', 'tiny'].map(group),
      baseline: 'v1',
    });
  });

  // Expected values: Agresti–Min paired difference (x + ½, y + ½, n + 2) and its one-sided z
  // against the +1-point limit, computed with python (math, scipy.stats.norm.sf) and BH q-values
  // with scipy.stats.false_discovery_control: see engine/stats/margin.test.ts for the formulas.
  it('fails where the share rises by 5 points in 2,000 rows: the whole interval is past +1', () => {
    const c = cellOf(res.cells, 'rise5');
    expect(c.verdict).toBe('fail');
    expect(c.value).toBeCloseTo(0.05, 12);
    expect(c.a).toBeCloseTo(0, 12);
    expect(c.b).toBeCloseTo(0.05, 12);
    expect(c.n).toBe(2000);
    expect(c.detail).toBe('100 moved above 0.7, 0 moved below');
    expect(c.lo).toBeCloseTo(0.040357569283569594, 12);
    expect(c.hi).toBeCloseTo(0.05954253061653031, 12);
    expect(c.p / 1.6379217609244571e-16).toBeCloseTo(1, 6);
  });

  it('passes a 0.2-point rise: the whole interval is below +1 (non-inferiority shown)', () => {
    const c = cellOf(res.cells, 'rise02');
    expect(c.verdict).toBe('pass');
    expect(c.value).toBeCloseTo(0.002, 12);
    expect(c.hi).toBeCloseTo(0.004185368988288248, 12);
    expect(c.p / 3.7473024802699365e-13).toBeCloseTo(1, 6);
    expect(c.rowsNeeded).toBeNull();
  });

  it('calls a 5-point rise in 40 rows inconclusive, with the rows that would decide', () => {
    const c = cellOf(res.cells, 'tiny');
    expect(c.value).toBeCloseTo(0.05, 12);
    expect(c.lo).toBeCloseTo(-0.03191518053031667, 12);
    expect(c.hi).toBeCloseTo(0.1271532757684119, 12);
    expect(c.p).toBeCloseTo(0.1769510306268341, 12);
    expect(c.verdict).toBe('inconclusive');
    // (1.96 · 0.26298 / |0.05 − 0.01|)² = 166.05 → 167 rows at the same effect.
    expect(c.rowsNeeded).toBe(167);
  });

  it('applies Benjamini–Hochberg across the grid (scipy q-values)', () => {
    expect(res.tests).toBe(4);
    expect(res.cohorts.map((c) => c.name)).toEqual(['All rows', 'rise5', 'rise02', 'tiny']);
    const all = cellOf(res.cells, '__all__');
    expect(all.value).toBeCloseTo(106 / 4040, 12);
    expect(all.verdict).toBe('fail');
    // false_discovery_control([6.643e-11, 1.638e-16, 3.747e-13, 0.17695]):
    expect(all.q / 8.85792758e-11).toBeCloseTo(1, 6);
    expect(cellOf(res.cells, 'rise5').q / 6.55168704e-16).toBeCloseTo(1, 6);
    expect(cellOf(res.cells, 'rise02').q / 7.49460496e-13).toBeCloseTo(1, 6);
    expect(cellOf(res.cells, 'tiny').q).toBeCloseTo(0.1769510306268341, 12);
  });

  it('lists the rule a row crosses', () => {
    const moved = rowRules(d, { row: 0, rules: [rule70], baseline: 'v1' });
    expect(moved.hits).toEqual([
      {
        ruleId: 'r70',
        baseline: 'v1',
        version: 'v2',
        effect: 'counts',
        sentence: 'score moved above 0.7 (0.60 under v1 → 0.80 under v2)',
      },
    ]);
    expect(rowRules(d, { row: 1, rules: [rule70], baseline: 'v1' }).hits).toEqual([]);
    // Swapping the baseline turns the same row into a move below 0.7.
    const back = rowRules(d, { row: 0, rules: [rule70], baseline: 'v2' });
    expect(back.hits[0]?.sentence).toBe('score moved below 0.7 (0.80 under v2 → 0.60 under v1)');
  });

  it('reports malformed rules (e.g. from an edited link) instead of throwing', async () => {
    const bad = { id: 'x', kind: 'share-above-rise', threshold: 'high' } as unknown as ReleaseRule;
    const r = await evaluateRules(d, { rules: [bad, rule70], cohorts: [], baseline: 'v1' });
    expect(r.invalid).toEqual([{ ruleId: 'x', reason: 'needs a threshold' }]);
    expect(r.cells).toHaveLength(1);
  });
});

/**
 * Classes a/b/c with planted correct→wrong flips: 'broke' (1,000 rows, 50 flips = 5%), 'fine'
 * (200 rows, 1 flip = 0.5%), 'small' (20 rows, 1 flip = 5%), 'safe' (2,000 rows, 2 flips =
 * 0.1%). v1 is always right.
 */
function plantedFlips() {
  const groups: [string, number, number][] = [
    ['broke', 1000, 50],
    ['fine', 200, 1],
    ['small', 20, 1],
    ['safe', 2000, 2],
  ];
  const cls = ['a', 'b', 'c'];
  const g: string[] = [];
  const label: string[] = [];
  const p1: string[] = [];
  const p2: string[] = [];
  for (const [name, n, broken] of groups) {
    for (let i = 0; i < n; i++) {
      const t = cls[i % 3]!;
      g.push(name);
      label.push(t);
      p1.push(t);
      p2.push(i < broken ? cls[(i + 1) % 3]! : t);
    }
  }
  return open({ label, pred_v1: p1, pred_v2: p2, group: g });
}

describe('evaluateRules: accuracy drop and negative flip rate', () => {
  const d = plantedFlips();
  const rules: ReleaseRule[] = [
    { id: 'acc', kind: 'metric-drop', metric: 'accuracy', maxDropPoints: 1 },
    { id: 'flip', kind: 'negative-flip-rate', maxRate: 2 },
  ];
  let res: RulesResult;
  beforeAll(async () => {
    res = await evaluateRules(d, {
      rules,
      cohorts: ['broke', 'fine', 'small', 'safe'].map(group),
      baseline: 'v1',
    });
  });

  // Expected values from python: Agresti–Min (see above) for accuracy against −1 point;
  // scipy.stats.binomtest(k, n).proportion_ci(method='exact') and binom.sf / binom.cdf for the
  // flip rate against 2%.
  it('fails a 5-point accuracy drop and a 5% flip rate in 1,000 rows', () => {
    const acc = cellOf(res.cells, 'broke', 'acc');
    expect(acc.value).toBeCloseTo(-0.05, 12);
    expect(acc.limit).toBeCloseTo(-0.01, 12);
    expect(acc.hi).toBeCloseTo(-0.03627717379578023, 12);
    expect(acc.p / 4.719923104161132e-9).toBeCloseTo(1, 6);
    expect(acc.verdict).toBe('fail');
    const flip = cellOf(res.cells, 'broke', 'flip');
    expect(flip.value).toBeCloseTo(0.05, 12);
    expect(flip.lo).toBeCloseTo(0.03733539760466063, 10);
    // P(X ≥ 50 | n = 1000, p = 0.02), exact (Python fractions): 7.884716909458577e-09.
    expect(flip.p / 7.884716909458577e-9).toBeCloseTo(1, 9);
    expect(flip.verdict).toBe('fail');
  });

  it('passes 0.1% in 2,000 rows: both intervals wholly on the safe side', () => {
    const acc = cellOf(res.cells, 'safe', 'acc');
    expect(acc.lo).toBeCloseTo(-0.0026941191601728377, 12);
    expect(acc.verdict).toBe('pass');
    const flip = cellOf(res.cells, 'safe', 'flip');
    expect(flip.hi).toBeCloseTo(0.0036076285696658435, 10);
    expect(flip.p / 2.4765929064381504e-15).toBeCloseTo(1, 6);
    expect(flip.verdict).toBe('pass');
  });

  it('calls 0.5% in 200 rows inconclusive: within the limits, but the intervals reach past them', () => {
    const acc = cellOf(res.cells, 'fine', 'acc');
    expect(acc.value).toBeCloseTo(-0.005, 12);
    expect(acc.lo).toBeCloseTo(-0.018655322120054274, 12);
    expect(acc.p).toBeCloseTo(0.23510321652490723, 12);
    expect(acc.verdict).toBe('inconclusive');
    const flip = cellOf(res.cells, 'fine', 'flip');
    expect(flip.hi).toBeCloseTo(0.027541898457558386, 10);
    // binom.cdf(1, 200, 0.02) = 0.98^200 + 200 · 0.02 · 0.98^199.
    expect(flip.p).toBeCloseTo(0.98 ** 200 + 4 * 0.98 ** 199, 12);
    expect(flip.verdict).toBe('inconclusive');
    // (1.96 · √(0.02 · 0.98) / |0.005 − 0.02|)² = 334.6: the one-sample test's variance at the limit.
    expect(flip.rowsNeeded).toBe(335);
  });

  it('calls 1 flip in 20 rows inconclusive', () => {
    const flip = cellOf(res.cells, 'small', 'flip');
    expect(flip.value).toBeCloseTo(0.05, 12);
    // 1 − 0.98^20: the chance of at least one flip in 20 rows at a true rate of 2%.
    expect(flip.p).toBeCloseTo(1 - 0.98 ** 20, 12);
    expect(flip.verdict).toBe('inconclusive');
    const acc = cellOf(res.cells, 'small', 'acc');
    expect(acc.p).toBeCloseTo(0.28844960106218354, 12);
    expect(acc.verdict).toBe('inconclusive');
  });

  it('says why a rule does not apply', async () => {
    const r = await evaluateRules(d, {
      rules: [{ id: 'auc', kind: 'metric-drop', metric: 'auc', maxDropPoints: 1 }],
      cohorts: [],
      baseline: 'v1',
    });
    expect(r.cells[0]).toMatchObject({ verdict: 'not-applicable', reason: 'binary only' });
    expect(r.tests).toBe(0);
  });

  it('puts a correct→wrong row into words', () => {
    const hits = rowRules(d, { row: 0, rules, baseline: 'v1' }).hits.map((h) => h.sentence);
    expect(hits).toEqual([
      "correct under v1, wrong under v2 — counts toward v2's accuracy drop",
      "correct under v1, wrong under v2 — counts toward v2's negative flip rate",
    ]);
  });
});

describe('evaluateRules: bootstrap rules (hand-checked degenerate cases)', () => {
  it('fails a 2-unit MAE rise when every row gets 2 worse', async () => {
    const n = 300;
    const y = Float64Array.from({ length: n }, (_, i) => i * 1.5);
    const d = open({
      label: y,
      pred_v1: y.map((v) => v + 1),
      // Every row's absolute error rises from 1 to 3 in 'worse' and stays at 1 elsewhere.
      pred_v2: y.map((v, i) => (i < 200 ? v + 3 : v - 1)),
      group: Array.from({ length: n }, (_, i) => (i < 200 ? 'worse' : 'same')),
    });
    const r = await evaluateRules(d, {
      rules: [{ id: 'mae', kind: 'regression-metric-rise', metric: 'mae', maxRise: 0.5 }],
      cohorts: ['worse', 'same'].map(group),
      baseline: 'v1',
    });
    const worse = cellOf(r.cells, 'worse', 'mae');
    expect(worse).toMatchObject({ value: 2, lo: 2, hi: 2, a: 1, b: 3, verdict: 'fail' });
    // Every replicate equals 2, none is ≤ the 0.5 limit: one-sided p = (1 + 0)/(1 + 1000).
    expect(worse.p).toBeCloseTo(1 / 1001, 12);
    expect(cellOf(r.cells, 'same', 'mae')).toMatchObject({ value: 0, verdict: 'pass' });
  });

  it('fails an AUC drop from 1 to 0 (v2 ranks every pair backwards)', async () => {
    const n = 400;
    const label = Int32Array.from({ length: n }, (_, i) => i % 2);
    const d = open({
      label,
      score_v1: Float32Array.from(label, (l, i) => 0.25 + 0.5 * l + i / 1e5),
      score_v2: Float32Array.from(label, (l, i) => 0.75 - 0.5 * l + i / 1e5),
    });
    const r = await evaluateRules(d, {
      rules: [{ id: 'auc', kind: 'metric-drop', metric: 'auc', maxDropPoints: 1 }],
      cohorts: [],
      baseline: 'v1',
    });
    expect(r.cells[0]).toMatchObject({ a: 1, b: 0, value: -1, verdict: 'fail' });
    expect(r.cells[0]!.limit).toBeCloseTo(-0.01, 12);
  });
});
