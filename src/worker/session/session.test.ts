import { describe, expect, it } from 'vitest';
import { Session } from './session';
import { files, fixtureTable } from '../../test/fixtures';

function open(...names: string[]) {
  const s = new Session();
  const r = s.openBytes(files(...names));
  return { s, r };
}

/** Accuracy computed through arrow-js's get(): independent of our typed-array path. */
function accuracyByRows(name: string, pred: string): number {
  const t = fixtureTable(name);
  let right = 0;
  for (let i = 0; i < t.numRows; i++)
    if (t.getChild('label')!.get(i) === t.getChild(pred)!.get(i)) right++;
  return right / t.numRows;
}

describe('Session: wide files from polars', () => {
  it.each(['wide.arrow', 'wide-lz4.arrow', 'wide-zstd.arrow', 'wide.arrows'])(
    '%s opens with roles inferred and the right metrics',
    (name) => {
      const { s, r } = open(name);
      expect(r.errors).toEqual([]);
      const sum = r.summary!;
      expect(sum.numRows).toBe(500);
      expect(sum.report.shape).toBe('wide');
      const roles = sum.inferred;
      expect(roles).toMatchObject({
        id: 'id',
        label: 'label',
        task: 'multiclass',
        embeddings: ['embedding'],
      });
      expect(roles.versions.map((v) => [v.name, v.prediction, v.probabilities])).toEqual([
        ['v1', 'pred_v1', 'probs_v1'],
        ['v2', 'pred_v2', 'probs_v2'],
      ]);
      // Ids above 2^53 stay exact (the fixture's ids are 2^53 + 1 + i).
      expect(sum.columns.find((c) => c.name === 'id')!.sample[0]).toBe('9007199254740993');
      const a = s.analyse(roles);
      expect(a.classes).toEqual(['0', '1', '2']);
      expect(a.metrics[0]!.accuracy).toBeCloseTo(accuracyByRows('wide.arrow', 'pred_v1'), 12);
      expect(a.metrics[1]!.accuracy).toBeCloseTo(accuracyByRows('wide.arrow', 'pred_v2'), 12);
      expect(a.metrics[0]!.evaluated).toBe(500);
    },
  );
});

describe('Session: dataset shapes', () => {
  it('joins one file per version on the id, rows in any order, and reports the gaps', () => {
    const { s, r } = open('preds_v2.arrow', 'features.arrow', 'preds_v1.arrow');
    const sum = r.summary!;
    expect(sum.report.shape).toBe('per-version files');
    expect(sum.numRows).toBe(300);
    const byFile = Object.fromEntries(sum.report.files.map((f) => [f.fileName, f]));
    expect(byFile['preds_v1.arrow']).toMatchObject({
      version: 'v1',
      matched: 300,
      missing: 0,
      extra: 3,
      duplicates: 0,
    });
    expect(byFile['preds_v2.arrow']).toMatchObject({
      version: 'v2',
      matched: 295,
      missing: 5,
      extra: 0,
      duplicates: 2,
    });
    const roles = sum.inferred;
    expect(roles.task).toBe('binary');
    expect(roles.versions.map((v) => [v.name, v.prediction, v.score])).toEqual([
      ['v1', 'pred_v1', 'score_v1'],
      ['v2', 'pred_v2', 'score_v2'],
    ]);
    // v1's accuracy by joining through arrow-js row access.
    const feats = fixtureTable('features.arrow');
    const preds = fixtureTable('preds_v1.arrow');
    const predOf = new Map<string, number>();
    for (let i = 0; i < preds.numRows; i++)
      predOf.set(String(preds.getChild('id')!.get(i)), preds.getChild('pred')!.get(i));
    let right = 0;
    for (let i = 0; i < feats.numRows; i++) {
      if (predOf.get(String(feats.getChild('id')!.get(i))) === feats.getChild('label')!.get(i))
        right++;
    }
    const a = s.analyse(roles);
    expect(a.metrics[0]!.accuracy).toBeCloseTo(right / 300, 12);
    expect(a.metrics[1]!.evaluated).toBe(295);
    expect(a.metrics[0]!.auc).toBeGreaterThan(0.5);
  });

  it('pivots a long log by id and version (regression)', () => {
    const { s, r } = open('long-log.arrow', 'long-labels.arrow');
    const sum = r.summary!;
    expect(sum.report.shape).toBe('long log');
    expect(sum.numRows).toBe(200);
    const roles = sum.inferred;
    expect(roles.task).toBe('regression');
    expect(roles.label).toBe('target');
    expect(roles.versions.map((v) => [v.name, v.prediction])).toEqual([
      ['v1', 'prediction_v1'],
      ['v2', 'prediction_v2'],
    ]);
    // MAE per version, computed from the raw log through arrow-js rows.
    const log = fixtureTable('long-log.arrow');
    const lab = fixtureTable('long-labels.arrow');
    const y = new Map<string, number>();
    for (let i = 0; i < lab.numRows; i++)
      y.set(String(lab.getChild('id')!.get(i)), lab.getChild('target')!.get(i));
    const abs: Record<string, number[]> = { v1: [], v2: [] };
    for (let i = 0; i < log.numRows; i++) {
      const v = String(log.getChild('model_version')!.get(i));
      abs[v]!.push(
        Math.abs(log.getChild('prediction')!.get(i) - y.get(String(log.getChild('id')!.get(i)))!),
      );
    }
    const a = s.analyse(roles);
    const mean = (xs: number[]) => xs.reduce((p, q) => p + q, 0) / xs.length;
    expect(a.metrics[0]!.mae).toBeCloseTo(mean(abs.v1!), 10);
    expect(a.metrics[1]!.mae).toBeCloseTo(mean(abs.v2!), 10);
    expect(a.metrics[0]!.rmse).toBeCloseTo(Math.sqrt(mean(abs.v1!.map((e) => e * e))), 10);
  });
});

describe('Session: types', () => {
  it('reads string_view classes from polars', () => {
    const { s, r } = open('string-view.arrow');
    const roles = r.summary!.inferred;
    expect(roles.versions.map((v) => v.name)).toEqual(['a', 'b']);
    const a = s.analyse(roles);
    expect(a.classes).toEqual(['bird', 'cat', 'dog']);
    expect(a.metrics[0]!.accuracy).toBeCloseTo(accuracyByRows('string-view.arrow', 'pred_a'), 12);
  });

  it('reads dictionaries of every index width, scaled decimals and µs timestamps', () => {
    const { r } = open('dict-widths.arrow');
    const t = fixtureTable('dict-widths.arrow');
    const cols = Object.fromEntries(r.summary!.columns.map((c) => [c.name, c]));
    for (const f of t.schema.fields) {
      if (String(f.type).startsWith('Dictionary')) {
        expect(cols[f.name]!.kind).toBe('string');
        expect(cols[f.name]!.sample[0]).toBe(String(t.getChild(f.name)!.get(0)));
      }
    }
    // arrow-js returns decimals unscaled; the fixture's scale is 2.
    const amount = cols['amount']!;
    const raw = t.getChild('amount')!;
    const first = Number(String(raw.get(0))) / 100;
    expect(Number(amount.sample[0])).toBeCloseTo(first, 10);
    expect(cols['created']!.kind).toBe('timestamp');
  });
});

describe('Session: cached cohort results', () => {
  it('recomputes cohort metrics when the roles change, and only then', () => {
    const { s, r } = open('wide.arrow');
    const roles = r.summary!.inferred;
    s.analyse(roles);
    const all = [{ id: 'a', name: 'all', predicate: { op: 'and' as const, children: [] } }];
    const acc = () => s.cohorts(all)[0]!.metrics.map((m) => m.accuracy);
    const v1 = accuracyByRows('wide.arrow', 'pred_v1');
    const v2 = accuracyByRows('wide.arrow', 'pred_v2');
    expect(acc()).toEqual([v1, v2]);
    expect(acc()).toEqual([v1, v2]); // served from the cache, same answer
    // Swap which column is each version's prediction: the cached metrics must not survive.
    const [a, b] = roles.versions;
    s.analyse({
      ...roles,
      versions: [
        { ...a!, prediction: b!.prediction },
        { ...b!, prediction: a!.prediction },
      ],
    });
    expect(acc()).toEqual([v2, v1]);
  });
});
