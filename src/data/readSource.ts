/** Where bytes come from: a picked/dropped File, or a URL (?data=…). */
export type Source = { kind: 'file'; file: File } | { kind: 'url'; url: string };

export type Phase = 'reading' | 'decoding' | 'joining' | 'analysing';

export interface Progress {
  fileName: string;
  phase: Phase;
  bytesRead: number;
  totalBytes: number | null;
}

export function sourceName(s: Source): string {
  if (s.kind === 'file') return s.file.name;
  try {
    const path = new URL(s.url, 'http://x/').pathname;
    return decodeURIComponent(path.split('/').pop() || s.url);
  } catch {
    return s.url;
  }
}

async function readStream(
  stream: ReadableStream<Uint8Array>,
  total: number | null,
  report: (read: number) => void,
): Promise<Uint8Array> {
  const reader = stream.getReader();
  let buf = new Uint8Array(total ?? 1 << 20);
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (read + value.length > buf.length) {
      const bigger = new Uint8Array(Math.max(buf.length * 2, read + value.length));
      bigger.set(buf.subarray(0, read));
      buf = bigger;
    }
    buf.set(value, read);
    read += value.length;
    report(read);
  }
  return read === buf.length ? buf : buf.slice(0, read);
}

/** Reads all bytes of a source, reporting progress as they arrive. */
export async function readSource(
  s: Source,
  onProgress: (p: Progress) => void,
): Promise<Uint8Array> {
  const fileName = sourceName(s);
  let last = 0;
  const tick = (bytesRead: number, totalBytes: number | null) => {
    const now = Date.now();
    if (now - last < 50) return;
    last = now;
    onProgress({ fileName, phase: 'reading', bytesRead, totalBytes });
  };
  if (s.kind === 'file') {
    const total = s.file.size;
    return readStream(s.file.stream(), total, (r) => tick(r, total));
  }
  let res: Response;
  try {
    res = await fetch(s.url);
  } catch (err) {
    throw new Error(
      `could not fetch ${s.url} (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  if (!res.ok) throw new Error(`fetching ${s.url} failed: HTTP ${res.status} ${res.statusText}`);
  const len = Number(res.headers.get('content-length'));
  const total =
    Number.isFinite(len) && len > 0 && !res.headers.get('content-encoding') ? len : null;
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  return readStream(res.body, total, (r) => tick(r, total));
}
