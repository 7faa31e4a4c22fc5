// One Parquet file opened twice: by the in-tab Session (parquet-wasm → typed arrays) and by
// DuckDB (src/server/sql/duckdb.ts), with the same roles and thresholds, so a test can ask both
// engines the same question. `wb_rows` adds DuckDB's file row number, which is the engine's row
// index for a single file.
import { readFileSync } from 'node:fs';
import { Session } from '../worker/session/session';
import { type DuckDb, openDuckDb, readerSql } from '../server/sql/duckdb';
import type { SqlSource } from '../server/sql/types';
import type { RoleMapping } from '../shared/roles';
import { ident } from '../server/sql/quote';

export interface Pair {
  session: Session;
  db: DuckDb;
  src: SqlSource;
  /** The file's first role inference (what the app proposes on open). */
  inferred: RoleMapping;
  /** Sets roles and thresholds on both sides. */
  analyse(roles: RoleMapping, thresholds?: Record<string, number>): void;
  /** Row numbers (file order) of the rows where `sql` holds, ascending. */
  rowsWhere(sql: string): Promise<number[]>;
  close(): void;
}

export async function openPair(path: string): Promise<Pair> {
  const session = new Session();
  const opened = await session.openFiles([
    { name: path, bytes: new Uint8Array(readFileSync(path)) },
  ]);
  if (!opened.summary)
    throw new Error(`the app cannot open ${path}: ${JSON.stringify(opened.errors)}`);
  const inferred = opened.summary.inferred;
  const db = await openDuckDb([path]);
  const reader = readerSql([path]).replace(/\)$/, ', file_row_number = true)');
  await db.rows(`CREATE VIEW wb_rows AS SELECT * FROM ${reader}`);
  const src: SqlSource = {
    from: 'wb_data',
    columns: db.columns,
    rowCount: db.rowCount,
    roles: inferred,
    thresholds: {},
    classes: [],
  };
  const pair: Pair = {
    session,
    db,
    src,
    inferred,
    analyse(roles, thresholds = {}) {
      session.analyse(roles);
      session.setThresholds(thresholds);
      Object.assign(src, { roles, thresholds, classes: session.dataset.ev!.classes });
    },
    async rowsWhere(sql) {
      const rows = await db.rows(
        `SELECT ${ident('file_row_number')} AS r FROM wb_rows WHERE ${sql} ORDER BY r`,
      );
      return rows.map((r) => Number(r.r));
    },
    close: () => db.close(),
  };
  pair.analyse(inferred);
  return pair;
}
