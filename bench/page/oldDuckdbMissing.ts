// Stands in for `duckdb-wasm-old` when bench/lib/duckdbParquet.mjs has not fetched it, so the
// bench page still builds; using it says what to do.
const missing = (): never => {
  throw new Error(
    'DuckDB-WASM 1.28.0 is not in bench/data: run `npm run bench -- --only=open-parquet`',
  );
};
export const AsyncDuckDB = missing;
export const VoidLogger = missing;
export const DuckDBDataProtocol = { BROWSER_FILEREADER: 2 };
