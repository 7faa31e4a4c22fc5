// The server's HTTP side: the built app and POST /api/<method>, nothing else. Every request needs
// the session token (in the path for the app's files, in a header for the API); the Host must be
// this server's own address (no DNS rebinding) and an Origin, when sent, this server's origin (no
// other page can drive it). The API runs only protocol methods: there is no way to send SQL.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { extname, resolve, sep } from 'node:path';
import { decodeWire, encodeWire, SEQ_HEADER, TOKEN_HEADER } from '../shared/wire';
import type { Sent } from './supersede';

export interface ApiHandler {
  /** `sent`: the page that sent the request and its number in that page's order, if given. */
  call(method: string, args: unknown[], sent?: Sent): Promise<unknown>;
}

export interface ServeOptions {
  token: string;
  /** The built app (index.html and its assets); null serves the API only. */
  dist: string | null;
  api: ApiHandler;
  /** Whether an error from a method is one to show the user (else a generic message is sent). */
  log?: (line: string) => void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.arrow': 'application/octet-stream',
};

const HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
};

const METHOD = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const MAX_BODY = 4 << 20;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function text(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { ...HEADERS, 'Content-Type': 'application/json' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(new Error('request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

export function createApp(opts: ServeOptions): Server {
  const { token, dist, api } = opts;
  const base = `/${token}/`;
  let port = 0;
  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      opts.log?.(`request failed: ${String(err)}`);
      if (!res.headersSent) text(res, 500, 'Internal error');
    });
  });
  server.on('listening', () => {
    const a = server.address();
    port = typeof a === 'object' && a ? a.port : 0;
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.headers.host !== `127.0.0.1:${port}`) return text(res, 421, 'Wrong host');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}`)
      return text(res, 403, 'Other origins may not use this server');
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/api/')) {
      const sent = req.headers[TOKEN_HEADER];
      if (typeof sent !== 'string' || !same(sent, token)) return text(res, 401, 'No valid token');
      if (req.method !== 'POST') return text(res, 405, 'POST only');
      const method = path.slice('/api/'.length);
      if (!METHOD.test(method)) return text(res, 404, 'No such method');
      let args: unknown;
      try {
        args = decodeWire(await readBody(req));
      } catch {
        return text(res, 400, 'The body is not JSON');
      }
      if (!Array.isArray(args)) return text(res, 400, 'The body must be the list of arguments');
      try {
        const seq = /^([A-Za-z0-9_-]{1,64}):(\d{1,15})$/.exec(String(req.headers[SEQ_HEADER]));
        const sent = seq ? { page: seq[1]!, seq: Number(seq[2]) } : undefined;
        return json(res, 200, encodeWire({ ok: await api.call(method, args, sent) }));
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return json(res, 200, encodeWire({ error: message }));
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'GET only');
    if (!dist || !path.startsWith(base)) return text(res, 404, 'Not found');
    let name: string;
    try {
      name = decodeURIComponent(path.slice(base.length) || 'index.html');
    } catch {
      return text(res, 404, 'Not found');
    }
    const target = resolve(dist, name);
    // Only files inside the build: no directories (no listing), nothing else from the disk.
    if (!target.startsWith(dist + sep) || !existsSync(target) || !statSync(target).isFile())
      return text(res, 404, 'Not found');
    res.writeHead(200, {
      ...HEADERS,
      'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream',
      'Content-Length': statSync(target).size,
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(target).pipe(res);
  }
  return server;
}
