// Server mode: the page was opened by `npm run serve` at `?server=<token>`. Every protocol call
// then goes to the DuckDB server as POST api/<method> (same names, arguments and answers as the
// worker), so the views do not know which backend answers. Decided once, at start-up.
import { decodeWire, encodeWire, SEQ_HEADER, TOKEN_HEADER } from '../shared/wire';

/** This page's requests, numbered in the order sent (SEQ_HEADER): `<page>:<n>`. */
const page = Math.random().toString(36).slice(2, 12) || 'page';
let sent = 0;

/** The session token when the page runs in server mode, else null. */
export function serverToken(search: string): string | null {
  const t = new URLSearchParams(search).get('server');
  return t && /^[A-Za-z0-9_-]{16,128}$/.test(t) ? t : null;
}

/** The server is gone (stopped, or the machine went to sleep): said plainly, once per call. */
export class ServerUnreachable extends Error {
  constructor(detail: string) {
    // Saved cohorts live in this origin's storage: the same port brings them back.
    const port = typeof location === 'undefined' ? '' : location.port;
    super(
      `the DuckDB server is not answering (${detail}). Start it again with npm run serve -- --port ${port} <the same files> and open the address it prints: your saved cohorts are kept in this browser for that address`,
    );
  }
}

export async function callServer(token: string, name: string, args: unknown[]): Promise<unknown> {
  // Callbacks (open progress) have no meaning across HTTP: the server answers once.
  const out = args.map((a) => (typeof a === 'function' ? null : a));
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [TOKEN_HEADER]: token,
        [SEQ_HEADER]: `${page}:${++sent}`,
      },
      body: encodeWire(out),
    });
  } catch (err) {
    throw new ServerUnreachable(err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) throw new Error(`the DuckDB server refused ${name}: ${await res.text()}`);
  const body = decodeWire(await res.text()) as { ok?: unknown; error?: string };
  if (body.error !== undefined) throw new Error(body.error);
  return body.ok;
}
