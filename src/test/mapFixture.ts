// A Parquet file written by DuckDB for the Map in server mode: 3,000 rows with a 2-D layout
// (umap_x/umap_y, some null and NaN), an embedding of 4 floats (some rows null), a label and two
// versions' predictions. Enough rows that a sample of 1,000 leaves most out.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export const MAP_ROWS = 3000;

const SELECT = `
SELECT
  (1000 + i)::BIGINT AS id,
  ['cat', 'dog', 'bird'][i % 3 + 1] AS label,
  ['cat', 'dog', 'bird'][(i * 7 + i // 5) % 3 + 1] AS pred_v1,
  ['cat', 'dog', 'bird'][(i + (i % 4 = 0)::INTEGER) % 3 + 1] AS pred_v2,
  CASE WHEN i % 97 = 5 THEN NULL WHEN i % 89 = 3 THEN 'NaN'::DOUBLE
       ELSE sin(i * 0.37) * 10 + (i % 3) END::DOUBLE AS umap_x,
  (cos(i * 0.11) * 7 - (i % 5) / 2.0)::DOUBLE AS umap_y,
  (CASE WHEN i % 50 = 7 THEN NULL
        ELSE [sin(i), cos(i * 0.5), (i % 13) / 13.0, (i % 3) * 0.25]::FLOAT[] END)::FLOAT[4] AS embedding,
  ((i * 31) % 100)::DOUBLE AS age
FROM range(${MAP_ROWS}) t(i)`;

/** Writes the file (to a new temporary directory) and returns its path. */
export async function writeMapParquet(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'wb-map-')), 'map.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`COPY (${SELECT}) TO '${path.replace(/'/g, "''")}' (FORMAT parquet)`);
  conn.closeSync();
  instance.closeSync();
  return path;
}
