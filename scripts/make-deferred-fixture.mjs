// Writes e2e/data/deferred-polars.parquet, the polars file of src/worker/session/
// deferredParquet.test.ts: 700 rows, nulls in the features and the embedding, int64 ids above
// 2^53, a list embedding. Committed because nodejs-polars' native binary needs Node ≥ 22 (npm
// skips it on Node 20): run with `npm install --no-save nodejs-polars-linux-x64-gnu@0.25.2` first.
import { writeFileSync } from 'node:fs';
import pl from 'nodejs-polars';

const out = process.argv[2] ?? new URL('../e2e/data/deferred-polars.parquet', import.meta.url);
const n = 700;
const nth = (k, f) => Array.from({ length: n }, (_, i) => (i % k === 3 ? null : f(i)));
const df = pl.DataFrame({
  // From strings: polars turns JS BigInts into nulls; 2^53 + 1 and up need all 64 bits.
  id: pl
    .Series(
      'id',
      Array.from({ length: n }, (_, i) => String(2n ** 53n + 1n + BigInt(i))),
    )
    .cast(pl.Int64),
  label: Array.from({ length: n }, (_, i) => ['cat', 'dog', 'fox'][i % 3]),
  pred_v1: Array.from({ length: n }, (_, i) => ['cat', 'dog', 'fox'][(i * 7) % 3]),
  score_v1: Array.from({ length: n }, (_, i) => ((i * 37) % 100) / 100),
  f_num: pl.Series(
    'f_num',
    nth(5, (i) => ((i * 13) % 97) - 20.5),
    pl.Float64,
  ),
  f_cnt: pl.Series(
    'f_cnt',
    nth(9, (i) => i % 17),
    pl.Int32,
  ),
  f_flag: pl.Series(
    'f_flag',
    nth(13, (i) => i % 2 === 0),
    pl.Bool,
  ),
  embedding: pl.Series(
    'embedding',
    nth(50, (i) => [i / n, -i / n, (i % 5) / 5, 0.25]),
    pl.List(pl.Float32),
  ),
});
writeFileSync(out, new Uint8Array(df.writeParquet({ compression: 'zstd' })));
