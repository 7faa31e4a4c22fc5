// The contract between the DuckDB server's HTTP side (server/http, server/session) and its query
// families (server/queries/<family>.ts). A query family turns one protocol request (the same
// request type the in-tab worker answers, from src/protocol) into SQL and assembles the same
// result type, so one contract suite can ask both engines the same question.
import type { RoleMapping } from '../../shared/roles';

/** Runs one generated statement and returns its rows as plain objects (BIGINT as bigint). */
export interface SqlQuery {
  rows(sql: string): Promise<Record<string, unknown>[]>;
}

/** What one served dataset is, as the query families need it. */
export interface SqlSource {
  /** A FROM item naming the data: a view name created at start (e.g. `wb_data`), never user SQL. */
  from: string;
  /** Column names in file order, and their DuckDB types (`DOUBLE`, `VARCHAR`, `BIGINT`, ...). */
  columns: { name: string; type: string }[];
  rowCount: number;
  /** The roles in force (same shape as the in-tab session's), and per-version thresholds. */
  roles: RoleMapping;
  thresholds: Record<string, number>;
  /** Class names in the order the in-tab engine uses (label dictionary order). */
  classes: string[];
}
