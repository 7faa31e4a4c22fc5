import { describe, expect, it } from 'vitest';
import type { Column } from '../../data/types';
import { cohortMask } from '../cohort/evaluate';
import { binColumn, buildTarget, searchSlices, slicePredicate, type SearchOptions } from '.';
import type { BinnedFeature, SearchOutcome, Target } from './types';
import { outcomes, synthetic } from './synthetic';

function run(features: BinnedFeature[], target: Target, opts: Partial<SearchOptions> = {}) {
  const gen = searchSlices(features, target, { minSize: 100, maxConditions: 3, ...opts });
  let partials = 0;
  for (;;) {
    const step = gen.next();
    if (step.done) return { ...step.value, partials } as SearchOutcome & { partials: number };
    if (step.value.results) partials++;
  }
}

const binAll = (cols: Column[], bins = 5) => cols.map((c) => binColumn(c, bins)!);
const codes = (cols: Column[], name: string) => {
  const c = cols.find((x) => x.name === name)!;
  return c.kind === 'string' ? c.codes : new Int32Array(0);
};
const values = (cols: Column[], name: string) => {
  const c = cols.find((x) => x.name === name)!;
  return c.kind === 'numeric' ? c.values : new Float64Array(0);
};

describe('failure slices', () => {
  it('finds a planted one-feature slice on top', () => {
    const { columns, rng, n } = synthetic(20_000, 1);
    const g = codes(columns, 'g');
    const correct = outcomes(rng, (i) => (g[i] === 3 ? 0.35 : 0.1), n);
    const out = run(binAll(columns), buildTarget({ mode: 'failure', correct, mask: null }));
    const top = out.results[0]!;
    expect(top.text).toBe('g = g3');
    expect(top.q).toBeLessThan(1e-6);
    expect(top.lift).toBeGreaterThan(2);
    expect(out.partials).toBe(2); // results stream after levels 1 and 2, then the final list
    // Its refinements and generalizations are listed as variants, not as new slices.
    expect(out.results.slice(1).some((r) => r.text.includes('g = g3'))).toBe(false);
  });

  it('finds a slice that only shows as a combination of two features', () => {
    const { columns, rng, n } = synthetic(20_000, 2);
    const a = codes(columns, 'a');
    const b = values(columns, 'b');
    // Pure interaction: a = a1 and b in its top fifth fail; the marginals of a1 and of b's top
    // fifth are made equal to the rest, so neither condition alone stands out.
    const rate = (i: number) => {
      const inA = a[i] === 1;
      const inB = b[i]! >= 0.8;
      return inA && inB ? 0.35 : inA || inB ? 0.05 : 0.125;
    };
    const correct = outcomes(rng, rate, n);
    const features = binAll(columns);
    const out = run(features, buildTarget({ mode: 'failure', correct, mask: null }));
    const top = out.results[0]!;
    expect(top.text).toMatch(/^a = a1 and b in \[0\.8\d*, (0\.99\d*|1)\]$/);
    expect(top.q).toBeLessThan(1e-6);
    const singles = out.results.filter((r) => r.conditions.length === 1);
    for (const r of [...singles, ...out.results.flatMap((x) => x.variants)]) {
      if (r.text === 'a = a1' || r.text.startsWith('b in [0.8')) expect(r.q).toBeGreaterThan(0.05);
    }
  });

  it('finds no significant slice in pure noise (BH: at most α of runs have any discovery)', () => {
    // Under pure noise every discovery is false, so BH at 0.05 allows one in about 20 runs to
    // have any; 10 seeded runs with more than 2 such runs would happen by chance ~1% of the time.
    let runsWithDiscovery = 0;
    for (let seed = 10; seed < 20; seed++) {
      const { columns, rng, n } = synthetic(10_000, seed);
      const correct = outcomes(rng, () => 0.15, n);
      const out = run(binAll(columns), buildTarget({ mode: 'failure', correct, mask: null }));
      expect(out.tried).toBeGreaterThan(1000);
      if (out.results.some((r) => r.q < 0.05)) runsWithDiscovery++;
    }
    expect(runsWithDiscovery).toBeLessThanOrEqual(2);
  });

  it("selects, by each result's predicate, exactly the rows the slice claims", () => {
    const { columns, rng, n } = synthetic(8_000, 6);
    const c = values(columns, 'c');
    const a = codes(columns, 'a');
    const correct = outcomes(rng, (i) => (c[i]! !== c[i]! || a[i] === 2 ? 0.4 : 0.1), n);
    const cohort = { op: 'in' as const, column: 'd', values: ['true'] };
    const data = {
      n,
      column: (name: string) => columns.find((x) => x.name === name),
      label: null,
      classes: [],
      version: () => undefined,
      idKey: null,
    };
    const mask = cohortMask(cohort, data);
    const features = binAll(columns, 7);
    const out = run(features, buildTarget({ mode: 'failure', correct, mask }), { minSize: 30 });
    const all = out.results.flatMap((r) => [r]);
    expect(all.length).toBeGreaterThan(5);
    expect(all.some((r) => r.text.includes('c is null'))).toBe(true);
    for (const r of all) {
      const m = cohortMask(slicePredicate(r, cohort), data);
      let k = 0;
      for (let i = 0; i < n; i++) k += m[i]!;
      expect(k, r.text).toBe(r.rows);
    }
  });
});

describe('regression slices (a version worse than the baseline)', () => {
  it('finds where the version broke rows the baseline had right', () => {
    const { columns, rng, n } = synthetic(20_000, 7);
    const g = codes(columns, 'g');
    const baseline = outcomes(rng, () => 0.15, n);
    // Elsewhere 3% flips each way; in g = g5 a quarter of the baseline's right answers break.
    const correct = baseline.map((v, i) => {
      const u = rng.nextFloat();
      if (v === 1) return u < (g[i] === 5 ? 0.25 : 0.03) ? 0 : 1;
      return u < 0.03 * (0.85 / 0.15) ? 1 : 0;
    });
    const out = run(
      binAll(columns),
      buildTarget({ mode: 'regression', correct, baseline, mask: null }),
    );
    const top = out.results[0]!;
    expect(top.text).toBe('g = g5');
    expect(top.effect).toBeGreaterThan(0.1);
    expect(top.worse).toBeGreaterThan(top.better);
    expect(top.q).toBeLessThan(1e-6);
  });

  it('ranks by net change: a slice that churns both ways is no regression', () => {
    const { columns, rng, n } = synthetic(20_000, 11);
    const g = codes(columns, 'g');
    const a = codes(columns, 'a');
    const baseline = outcomes(rng, () => 0.15, n);
    // g = g5: +10 points net (breaks 15% of right answers, fixes 3%·0.85/0.15 of wrong ones).
    // a = a2 (20% of rows): five times the churn both ways, no net change. Ranked by negative
    // flips alone, a = a2 (12.75% of rows broken) would lead; it has no net regression.
    const correct = baseline.map((v, i) => {
      const u = rng.nextFloat();
      if (a[i] === 2 && g[i] !== 5) return v === 1 ? (u < 0.15 ? 0 : 1) : u < 0.85 ? 1 : 0;
      if (v === 1) return u < (g[i] === 5 ? 0.03 + 0.1 / 0.85 : 0.03) ? 0 : 1;
      return u < 0.03 * (0.85 / 0.15) ? 1 : 0;
    });
    const out = run(
      binAll(columns),
      buildTarget({ mode: 'regression', correct, baseline, mask: null }),
    );
    expect(out.results[0]!.text).toBe('g = g5');
    expect(out.results[0]!.effect).toBeGreaterThan(0.06);
    for (const r of out.results) {
      if (r.text.includes('a = a2')) expect(r.q, r.text).toBeGreaterThanOrEqual(0.05);
    }
    // The same data searched for improvements: nothing where v got better on balance but noise.
    const up = run(
      binAll(columns),
      buildTarget({ mode: 'improvement', correct, baseline, mask: null }),
    );
    expect(up.results.filter((r) => r.q < 0.05)).toEqual([]);
  });

  it('paired noise has no significant slice', () => {
    const { columns, rng, n } = synthetic(10_000, 8);
    const baseline = outcomes(rng, () => 0.2, n);
    const correct = outcomes(rng, () => 0.2, n);
    const out = run(
      binAll(columns),
      buildTarget({ mode: 'regression', correct, baseline, mask: null }),
    );
    for (const r of out.results) expect(r.q).toBeGreaterThanOrEqual(0.05);
  });
});

describe('regression task (absolute errors)', () => {
  it('finds a planted two-feature slice of large errors (Welch t) and none in noise', () => {
    const { columns, rng, n } = synthetic(20_000, 9);
    const d = columns.find((x) => x.name === 'd')!;
    const x0 = values(columns, 'x0');
    const dv = d.kind === 'boolean' ? d.values : new Uint8Array(0);
    const absErr = Float64Array.from({ length: n }, (_, i) => {
      const e = Math.abs(rng.nextNormal());
      return dv[i] === 1 && x0[i]! < 0.2 ? e * 1.8 : e;
    });
    const features = binAll(columns);
    const out = run(features, buildTarget({ mode: 'failure', absErr, mask: null }));
    expect(out.results[0]!.text).toMatch(/^d = true and x0 in \[0\.0000\d+, 0\.19\d*\]$/);
    const noise = Float64Array.from({ length: n }, () => Math.abs(rng.nextNormal()));
    const quiet = run(features, buildTarget({ mode: 'failure', absErr: noise, mask: null }));
    for (const r of quiet.results) expect(r.q).toBeGreaterThanOrEqual(0.05);
  });
});
