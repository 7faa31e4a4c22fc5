import { describe, expect, it } from 'vitest';
import { Session } from './session';
import { files } from '../../test/fixtures';
import type { RoleMapping, Task } from '../../shared/roles';

// A mapping can name any column for any role (?roles= in the URL, storage, the mapping panel):
// analysing must never throw, and a column of the wrong kind is left out with a warning.
describe('analyse with mappings that do not fit the data', () => {
  it('never throws, whatever column plays whatever role', () => {
    const s = new Session();
    const r = s.openBytes(files('wide.arrow'));
    const cols = [...r.summary!.columns.map((c) => c.name), null, 'no such column'];
    let runs = 0;
    for (const task of ['binary', 'multiclass', 'regression'] as Task[]) {
      for (const a of cols) {
        for (const b of cols) {
          const m: RoleMapping = {
            id: a,
            label: a,
            task,
            positiveClass: b,
            embeddings: b ? [b] : [],
            coords: a && b ? [a, b] : null,
            ignored: [],
            versions: [
              {
                name: 'v',
                prediction: b,
                score: b,
                probabilities: b,
                classColumns: [a, b].filter((x): x is string => !!x),
              },
              { name: 'w', prediction: a, score: a, probabilities: a, classColumns: [] },
            ],
          };
          const out = s.analyse(m);
          for (const v of out.metrics) {
            for (const x of [v.accuracy, v.macroF1, v.auc, v.mae, v.rmse]) {
              expect(x === null || typeof x === 'number').toBe(true);
            }
          }
          runs++;
        }
      }
    }
    expect(runs).toBe(3 * cols.length ** 2);
  });

  it('says why a column of the wrong kind is not used', () => {
    const s = new Session();
    const r = s.openBytes(files('wide.arrow'));
    const m = { ...r.summary!.inferred };
    m.versions = [{ ...m.versions[0]!, prediction: 'embedding', probabilities: 'age' }];
    const a = s.analyse(m);
    expect(a.warnings).toContain('v1: "embedding" is a list (vector) column, so it is not used.');
    expect(a.warnings).toContain('v1: "age" is a numeric column, so it is not used.');
  });
});
