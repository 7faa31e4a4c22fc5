// The server's refusals, over a real socket: no token, a wrong Host (DNS rebinding), another
// Origin, paths outside the build, unknown methods, and SQL that cannot reach other files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from './http';
import { openServed, type Served } from './served';
import { ServerBackend } from './backend/backend';
import { InputError, resolveInputs } from './inputs';
import { TOKEN_HEADER } from '../shared/wire';

const WIDE = fileURLToPath(new URL('../../e2e/data/wide-snappy.parquet', import.meta.url));
const FEATURES = fileURLToPath(new URL('../../e2e/data/features.parquet', import.meta.url));
const TOKEN = 'tok_0123456789abcdefghijklmnop';

interface Reply {
  status: number;
  body: string;
}

function send(
  port: number,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += String(d)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('HTTP: what the server refuses', () => {
  let server: Server;
  let db: Served;
  let port: number;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'wb-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    db = await openServed([WIDE], 1);
    server = createApp({ token: TOKEN, dist, api: new ServerBackend(db) });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.close();
    db.close();
  });

  const host = () => `127.0.0.1:${port}`;
  const api = (method: string, headers: Record<string, string>, body = '[]') =>
    send(port, `/api/${method}`, { method: 'POST', headers: { host: host(), ...headers }, body });

  it('answers a request with the token, from its own origin', async () => {
    const r = await api('open', { [TOKEN_HEADER]: TOKEN, origin: `http://${host()}` });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).ok.summary.numRows).toBe(500);
    expect((await send(port, `/${TOKEN}/`, { headers: { host: host() } })).status).toBe(200);
  });

  it('refuses the API without the token or with a wrong one', async () => {
    expect((await api('open', {})).status).toBe(401);
    expect((await api('open', { [TOKEN_HEADER]: `${TOKEN}x` })).status).toBe(401);
    expect((await api('open', { [TOKEN_HEADER]: TOKEN.slice(0, -1) })).status).toBe(401);
  });

  it('refuses the app without the token in the path', async () => {
    expect((await send(port, '/', { headers: { host: host() } })).status).toBe(404);
    expect((await send(port, '/index.html', { headers: { host: host() } })).status).toBe(404);
    expect((await send(port, '/wrongtoken/', { headers: { host: host() } })).status).toBe(404);
  });

  it('refuses another Host (DNS rebinding) and another Origin, even with the token', async () => {
    const wrongHost = await send(port, '/api/open', {
      method: 'POST',
      headers: { host: `evil.example:${port}`, [TOKEN_HEADER]: TOKEN },
      body: '[]',
    });
    expect(wrongHost.status).toBe(421);
    const local = await send(port, `/${TOKEN}/`, { headers: { host: `localhost:${port}` } });
    expect(local.status).toBe(421);
    const other = await api('open', { [TOKEN_HEADER]: TOKEN, origin: 'http://evil.example' });
    expect(other.status).toBe(403);
    const otherPort = await api('open', { [TOKEN_HEADER]: TOKEN, origin: 'http://127.0.0.1:1' });
    expect(otherPort.status).toBe(403);
  });

  it('serves nothing outside the build', async () => {
    for (const p of ['../package.json', '%2e%2e/package.json', '..%2fpackage.json', '']) {
      const r = await send(port, `/${TOKEN}/${p}`, { headers: { host: host() } });
      if (p === '') expect(r.status).toBe(200);
      else expect(r.status, p).toBe(404);
    }
    const dir = await send(port, `/${TOKEN}/.`, { headers: { host: host() } });
    expect(dir.status).toBe(404);
  });

  it('runs protocol methods only: unknown names and malformed bodies are refused', async () => {
    const unknown = await api('query', { [TOKEN_HEADER]: TOKEN }, '["SELECT 1"]');
    expect(JSON.parse(unknown.body).error).toMatch(/not available in server mode/);
    expect(unknown.body).not.toMatch(/"ok"/);
    const weird = await api('..%2Fopen', { [TOKEN_HEADER]: TOKEN });
    expect(weird.status).toBe(404);
    const notJson = await api('open', { [TOKEN_HEADER]: TOKEN }, 'SELECT 1');
    expect(notJson.status).toBe(400);
    const get = await send(port, '/api/open', { headers: { host: host(), [TOKEN_HEADER]: TOKEN } });
    expect(get.status).toBe(405);
  });

  it('a predicate cannot smuggle SQL: a hostile value is a literal and other files stay out of reach', async () => {
    const defs = [
      {
        id: 'x',
        name: 'x',
        predicate: {
          op: 'in',
          column: 'country',
          values: ["') OR 1=1; SELECT * FROM read_csv('/etc/passwd'); --"],
        },
      },
    ];
    const r = await api('cohorts', { [TOKEN_HEADER]: TOKEN }, JSON.stringify([defs]));
    expect(JSON.parse(r.body).ok[0].size).toBe(0);
    // Even SQL run directly on the locked connection cannot read or write other files.
    await expect(db.rows("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow(/disabled/);
    await expect(db.rows(`SELECT * FROM read_parquet('${FEATURES}')`)).rejects.toThrow(/disabled/);
    await expect(db.rows("COPY (SELECT 1) TO '/tmp/wb-x.csv'")).rejects.toThrow(/disabled/);
    await expect(db.rows('SET enable_external_access = true')).rejects.toThrow(/locked/);
  });
});

describe('inputs: clear messages for what cannot be served', () => {
  const here = fileURLToPath(new URL('.', import.meta.url));
  it('names a missing file, an empty glob, a folder without Parquet and a non-Parquet file', async () => {
    await expect(resolveInputs(['no/such.parquet'], here)).rejects.toThrow(
      /No such file: .*no\/such\.parquet/,
    );
    await expect(resolveInputs(['nothing-*.parquet'], here)).rejects.toThrow(
      /No file matches nothing-\*\.parquet/,
    );
    const empty = mkdtempSync(join(tmpdir(), 'wb-empty-'));
    await expect(resolveInputs([empty], here)).rejects.toThrow(
      /No \.parquet or \.csv files in the folder/,
    );
    await expect(
      resolveInputs([fileURLToPath(new URL('../../e2e/data/wide.arrow', import.meta.url))], here),
    ).rejects.toThrow(InputError);
    await expect(resolveInputs([], here)).rejects.toThrow(/Name the Parquet files/);
  });

  it('expands a glob and a folder of parts, and refuses parts with different schemas', async () => {
    const data = fileURLToPath(new URL('../../e2e/data/', import.meta.url));
    const { files } = await resolveInputs(['wide-duckdb-*.parquet'], data);
    expect(files.length).toBe(5);
    const served = await openServed(files, 1);
    expect(served.rowCount).toBe(5 * 500);
    served.close();
    await expect(openServed([WIDE, FEATURES], 1)).rejects.toThrow(/do not share one schema/);
  });
});
