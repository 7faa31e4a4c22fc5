// A user's own file names its label `churned`, not `label`: the tab infers it from values, and
// so must the server, with the same rule and candidates (the sample covers this file whole).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Analysis } from '../../protocol';
import { type Contract, expectClose, openContract } from '../../test/serverContract';

const FILE = join(mkdtempSync(join(tmpdir(), 'wb-churn-')), 'churn.parquet');

describe('contract: the label inferred from values (churned)', () => {
  let c: Contract;
  beforeAll(async () => {
    const inst = await DuckDBInstance.create(':memory:');
    const con = await inst.connect();
    // A churn log as DuckDB writes it: 0/1 outcome, two versions' scores, a plan and a tenure.
    await con.run(`COPY (
      SELECT 'c-' || lpad(CAST(i AS VARCHAR), 5, '0') AS customer_id,
        CAST(hash(i, 'y') % 4 = 0 AS INTEGER) AS churned,
        ['basic', 'plus', 'pro'][CAST(hash(i, 'p') % 3 AS INTEGER) + 1] AS plan,
        CAST(hash(i, 't') % 60 AS INTEGER) AS tenure_months,
        least(1.0, CAST(hash(i, 'y') % 4 = 0 AS INTEGER) * 0.3 + (hash(i, 'a') % 1000) / 1600.0) AS churn_score_v1,
        least(1.0, CAST(hash(i, 'y') % 4 = 0 AS INTEGER) * 0.45 + (hash(i, 'b') % 1000) / 1900.0) AS churn_score_v2
      FROM range(3000) t(i)) TO '${FILE}' (FORMAT parquet)`);
    con.closeSync();
    inst.closeSync();
    c = await openContract(FILE);
  });
  afterAll(() => c.close());

  it('both infer churned as the label, by the same rule, and analyse it alike', async () => {
    const [tab, server] = c.opened.map((o) => o.summary!);
    expect(tab!.inferred.label).toBe('churned');
    expect(server!.inferred.label).toBe('churned');
    expect(server!.labelInference.rule).toBe(tab!.labelInference.rule);
    expectClose(server!.labelInference.candidates, tab!.labelInference.candidates);
    expect(server!.inferred).toEqual(tab!.inferred);
    const [a, b] = await c.ask('analyse', tab!.inferred);
    expectClose((b as Analysis).metrics, (a as Analysis).metrics);
  });
});
