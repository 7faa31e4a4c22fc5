// `duckdb-wasm-old` is DuckDB-WASM 1.28.0 (aliased in bench/vite.config.ts); the API used here is
// the same as the current release's.
declare module 'duckdb-wasm-old' {
  export * from '@duckdb/duckdb-wasm';
}
