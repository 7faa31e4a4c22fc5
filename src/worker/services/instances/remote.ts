import { MAX_IMAGE_BYTES } from '../../../data/images/imageUrl';

const FETCH_MS = 10_000;

/**
 * An image from an origin the user allowed: no cookies, no referrer, at most MAX_IMAGE_BYTES
 * (stops reading past it), within 10 s. Returns bytes or the reason.
 */
export async function fetchImage(url: string): Promise<Uint8Array | string> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), FETCH_MS);
  try {
    const res = await fetch(url, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      signal: abort.signal,
    });
    if (!res.ok || !res.body) return `the server answered ${res.status}`;
    const reader = res.body.getReader();
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > MAX_IMAGE_BYTES) {
        void reader.cancel();
        return `the image is over ${MAX_IMAGE_BYTES / 2 ** 20} MB`;
      }
      parts.push(value);
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) out.set(p, (at += p.length) - p.length);
    return out;
  } catch (err) {
    return abort.signal.aborted
      ? 'the server took too long'
      : `not loaded (${(err as Error).message})`;
  } finally {
    clearTimeout(timer);
  }
}
