// The contract: one Parquet file opened by the in-tab Session (parquet-wasm → typed arrays) and
// by the DuckDB server backend, asked the same protocol requests. The server's answers go
// through the wire format (JSON with NaN and typed arrays tagged) as they do over HTTP.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { writeHostileParquet } from './sqlHostile';
import { Session } from '../worker/session/session';
import { datasetApi } from '../worker/services/dataset/api';
import { cohortsApi } from '../worker/services/cohorts/api';
import { rowsApi } from '../worker/services/rows/api';
import { compareApi } from '../worker/services/compare/api';
import { rulesApi } from '../worker/services/rules/api';
import { slicesApi } from '../worker/services/slices/api';
import { embeddingsApi } from '../worker/services/embeddings/api';
import { openServed, type Served } from '../server/served';
import { ServerBackend } from '../server/backend/backend';
import { decodeWire, encodeWire } from '../shared/wire';
import type { OpenResult } from '../protocol';

/** The wide fixture written by DuckDB (500 rows, 3 classes; e2e/data/README.md). */
export const WIDE_PARQUET = fileURLToPath(
  new URL('../../e2e/data/wide-snappy.parquet', import.meta.url),
);

/** Opens the wide fixture and the hostile one (sqlHostile.ts) before a describe block's tests
 * and closes them after; `ready` receives both. */
export function openFixtures(ready: (wide: Contract, hostile: Contract) => void): void {
  const open: Contract[] = [];
  beforeAll(async () => {
    open.push(await openContract(WIDE_PARQUET));
    open.push(await openContract(await writeHostileParquet()));
    ready(open[0]!, open[1]!);
  });
  afterAll(() => open.forEach((c) => c.close()));
}

export interface Contract {
  tab: Record<string, (...a: never[]) => unknown>;
  server: ServerBackend;
  db: Served;
  /** What each side's open answered (the tab opened the file's bytes, the server the file). */
  opened: [OpenResult, OpenResult];
  /** Both answers to one request: [in-tab, server]. */
  ask(method: string, ...args: unknown[]): Promise<[unknown, unknown]>;
  close(): void;
}

/** `mapSample`: the server's cap on the Map's points (its default unless given). */
export async function openContract(path: string, mapSample?: number): Promise<Contract> {
  const session = new Session();
  const tab = {
    ...datasetApi(session),
    ...cohortsApi(session),
    ...rowsApi(session),
    ...compareApi(session),
    ...rulesApi(session),
    ...slicesApi(session),
    ...embeddingsApi(session),
  } as unknown as Record<string, (...a: unknown[]) => unknown>;
  const opened = await session.openFiles([
    { name: path, bytes: new Uint8Array(readFileSync(path)) },
  ]);
  if (!opened.summary) throw new Error(`the tab cannot open ${path}`);
  const db = await openServed([path], 2);
  const server = new ServerBackend(db, mapSample);
  const served = decodeWire(encodeWire(await server.call('open', []))) as OpenResult;
  return {
    tab,
    server,
    db,
    opened: [opened, served],
    async ask(method, ...args) {
      const a = await tab[method]!(...args);
      const wire = encodeWire(args);
      const b = decodeWire(encodeWire(await server.call(method, decodeWire(wire) as unknown[])));
      return [a, b];
    },
    close: () => db.close(),
  };
}

/** Deep equality with numbers equal to 1e-9 (relative above 1); NaN equals NaN. */
export function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected)) return void expect(actual, path).toBeNaN();
    if (!Number.isFinite(expected)) return void expect(actual, path).toBe(expected);
    const tol = 1e-9 * Math.max(1, Math.abs(expected));
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      tol,
    );
    return;
  }
  if (ArrayBuffer.isView(expected)) expected = Array.from(expected as unknown as number[]);
  if (ArrayBuffer.isView(actual)) actual = Array.from(actual as unknown as number[]);
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  if (expected && typeof expected === 'object') {
    expect(actual && typeof actual === 'object', path).toBeTruthy();
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual as object)]);
    for (const k of keys)
      expectClose(
        (actual as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        `${path}.${k}`,
      );
    return;
  }
  expect(actual, path).toEqual(expected);
}
