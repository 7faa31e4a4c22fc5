// A churn-like file with continuous, untied scores for the interaction bench (issue 15: the
// flights scores have many ties, which the bootstrap's group sums exploit; real continuous scores
// have none): 1M rows written by DuckDB (string ids, a 0/1 `churned` label inferred from its
// values, two Float64 scores, v2 better). Written once to bench/data/churn_1m.parquet.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DATA } from '../config.mjs';

export async function untiedChurn(rows = 1_000_000) {
  const out = join(DATA, `churn_${rows / 1e6}m.parquet`);
  if (existsSync(out)) return out;
  mkdirSync(DATA, { recursive: true });
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run('SELECT setseed(0.15)');
  await c.run(`COPY (
    WITH base AS (
      SELECT i, (random() < 0.2)::INT AS churned, random() AS r1, random() AS r2,
        round(random() * 72) AS tenure_months, round(20 + random() * 100, 2) AS monthly_charges
      FROM range(${rows}) t(i)
    )
    SELECT 'c-' || lpad(i::VARCHAR, 7, '0') AS customer_id, churned, tenure_months,
      monthly_charges, ['month', 'year', 'two-year'][1 + (i % 3)] AS contract,
      (0.2 + 0.3 * (r1 - 0.5)) * 0.5 + churned * 0.25 + 0.1 AS churn_score_v1,
      (0.2 + 0.35 * (r2 - 0.5)) * 0.4 + churned * 0.4 + 0.05 AS churn_score_v2
    FROM base ORDER BY i
  ) TO '${out}' (FORMAT parquet, COMPRESSION snappy)`);
  return out;
}
