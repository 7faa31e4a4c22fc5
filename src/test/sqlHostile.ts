// A Parquet file written by DuckDB itself for the SQL backend's tests: hostile column names
// (quotes, spaces, HTML), values with quotes, nulls and NaN in every kind, int64 ids above 2^53,
// string classes, a FLOAT score and a probability list with NaN and ties. 300 rows; one file
// serves a multiclass, a binary and a regression mapping.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { type RoleMapping, type VersionRoles, emptyVersion } from '../shared/roles';

export const HOSTILE = {
  num: 'we"ird <b>x</b>',
  float: 'sp ace',
  text: "it's",
  flag: 'flag',
  when: 'when',
  id: 'row id',
};

const SELECT = `
SELECT
  CASE WHEN i = 17 THEN NULL ELSE 9007199254740993 + i END::BIGINT AS "row id",
  (CASE WHEN i % 7 = 0 THEN NULL WHEN i % 11 = 0 THEN 'NaN'::DOUBLE
        ELSE (i * 37 % 101) / 10.0 END)::DOUBLE AS "we""ird <b>x</b>",
  ((i % 13 - 6) / 4.0)::FLOAT AS "sp ace",
  CASE WHEN i % 5 = 0 THEN NULL
       ELSE ['O''Brien', 'a"b', 'Zoë café', '<script>x</script>', 'CAFÉ', '', 'back\\slash %_'][i % 7 + 1]
  END AS "it's",
  CASE WHEN i % 9 = 0 THEN NULL ELSE i % 3 = 0 END AS flag,
  CASE WHEN i % 10 = 3 THEN NULL ELSE TIMESTAMP '2024-01-01' + to_seconds(i * 3600) END AS "when",
  CASE WHEN i % 8 = 1 THEN NULL ELSE ['cat', 'dog', 'bird'][i % 3 + 1] END AS animal,
  CASE WHEN i % 12 = 5 THEN NULL ELSE ['cat', 'dog', 'bird'][(i * 7) % 3 + 1] END AS pred_a,
  CASE WHEN i % 15 = 2 THEN NULL
       WHEN i % 15 = 4 THEN [0.5, 'NaN'::FLOAT, 0.5]::FLOAT[]
       WHEN i % 15 = 6 THEN [0.4, 0.4, 0.2]::FLOAT[]
       ELSE [((i * 5) % 7) / 10.0, ((i * 3) % 5) / 10.0, 0.1]::FLOAT[] END AS probs_b,
  CASE WHEN i % 6 = 2 THEN NULL ELSE (i * 13) % 2 END::INTEGER AS y,
  (CASE WHEN i % 9 = 4 THEN 'NaN'::DOUBLE WHEN i % 9 = 7 THEN NULL ELSE ((i * 29) % 100) / 100.0 END)::DOUBLE AS s1,
  (((i * 17) % 100) / 100.0)::FLOAT AS s2,
  (CASE WHEN i % 11 = 3 THEN NULL ELSE (i % 50) / 3.0 END)::DOUBLE AS target,
  ((i % 47) / 3.0 + 0.5)::DOUBLE AS yhat
FROM range(300) t(i)`;

/** Writes the file (to a new temporary directory) and returns its path. */
export async function writeHostileParquet(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'wb-sql-')), 'hostile.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`COPY (${SELECT}) TO '${path.replace(/'/g, "''")}' (FORMAT parquet)`);
  conn.closeSync();
  instance.closeSync();
  return path;
}

function mapping(label: string, task: RoleMapping['task'], versions: VersionRoles[]): RoleMapping {
  return {
    id: HOSTILE.id,
    label,
    task,
    positiveClass: null,
    versions,
    embeddings: [],
    coords: null,
    ignored: [],
  };
}

export const hostileRoles: Record<RoleMapping['task'], RoleMapping> = {
  multiclass: mapping('animal', 'multiclass', [
    { ...emptyVersion('a'), prediction: 'pred_a' },
    { ...emptyVersion('b'), probabilities: 'probs_b' },
  ]),
  binary: mapping('y', 'binary', [
    { ...emptyVersion('s1'), score: 's1' },
    { ...emptyVersion('s2'), score: 's2' },
  ]),
  regression: mapping('target', 'regression', [{ ...emptyVersion('r'), prediction: 'yhat' }]),
};
