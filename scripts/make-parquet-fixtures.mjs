#!/usr/bin/env node
// Parquet, CSV and TSV copies of the Arrow fixtures, written by real producers (run after
// make-fixtures.mjs; `npm run fixtures:build` runs both). Deterministic: same inputs, same bytes.
//   polars 0.25.2 write_parquet (zstd, its default; snappy)   DuckDB 1.5 COPY … (FORMAT parquet)
//   with the codecs pyarrow/Spark/arrow-rs use, and data page v2 with delta encodings
//   DuckDB COPY … (HEADER) for CSV/TSV, lists written as JSON arrays (to_json)
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pl from 'nodejs-polars';
import { DuckDBInstance } from '@duckdb/node-api';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'e2e', 'data');
const at = (name) => join(OUT, name);

const wide = pl.readIPC(readFileSync(at('wide.arrow')));
wide.writeParquet(at('wide.parquet'));
wide.writeParquet(at('wide-snappy.parquet'), { compression: 'snappy' });
pl.readIPC(readFileSync(at('features.arrow'))).writeParquet(at('features.parquet'));

const db = await DuckDBInstance.create(':memory:');
const conn = await db.connect();
const copy = (sql, name, opts) => conn.run(`COPY (${sql}) TO '${at(name)}' (${opts})`);
const fromWide = `SELECT * FROM read_parquet('${at('wide.parquet')}') ORDER BY id`;
for (const codec of ['snappy', 'gzip', 'brotli', 'lz4_raw', 'uncompressed']) {
  await copy(
    fromWide,
    `wide-duckdb-${codec.replace('_', '')}.parquet`,
    `FORMAT parquet, COMPRESSION ${codec}`,
  );
}
await copy(fromWide, 'wide-v2.parquet', 'FORMAT parquet, COMPRESSION zstd, PARQUET_VERSION v2');
// Several row groups (pyarrow and Spark write many): 500 rows in groups of 128.
await copy(fromWide, 'wide-groups.parquet', 'FORMAT parquet, ROW_GROUP_SIZE 128');
await copy(`${fromWide} LIMIT 0`, 'wide-empty.parquet', 'FORMAT parquet');
// Lists as JSON arrays, as pandas' to_csv of a list column is not valid to read back.
const asText = `SELECT * REPLACE (to_json(probs_v1) AS probs_v1, to_json(probs_v2) AS probs_v2,
  to_json(embedding) AS embedding, CAST(id AS VARCHAR) AS id) FROM read_parquet('${at('wide.parquet')}') ORDER BY id`;
await copy(asText, 'wide.csv', 'HEADER');
await copy(asText, 'wide.tsv', "HEADER, DELIMITER '\t'");
writeFileSync(at('wide.csv.gz'), gzipSync(readFileSync(at('wide.csv')), { level: 9 }));
conn.closeSync();
