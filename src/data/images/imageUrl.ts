// What a string that should be an image points at, decided without requesting anything.

/** Encoded images above this are not decoded (bytes or the length of a data: URL's body). */
export const MAX_IMAGE_BYTES = 20 * 2 ** 20;

export type ImageRef =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'remote'; url: string; origin: string }
  | { kind: 'refused'; reason: string };

function decodeBase64(body: string): Uint8Array | null {
  try {
    const bin = atob(body.replace(/\s+/g, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/**
 * `data:image/…;base64,` URLs become bytes (sniffed later like any binary image); http(s) URLs
 * are remote (loaded only from origins the user allowed); everything else — `javascript:`,
 * `blob:`, `file:`, SVG — is refused with the reason.
 */
export function imageRef(s: string): ImageRef {
  if (s.length > MAX_IMAGE_BYTES * 1.4)
    return { kind: 'refused', reason: `the image text is ${(s.length / 2 ** 20).toFixed(0)} MB` };
  const head = s.slice(0, 64).trimStart().toLowerCase();
  if (head.startsWith('data:')) {
    const comma = s.indexOf(',');
    const meta = s.slice(5, comma < 0 ? 0 : comma).toLowerCase();
    if (comma < 0) return { kind: 'refused', reason: 'the data: URL has no data' };
    if (meta.startsWith('image/svg')) {
      return { kind: 'refused', reason: 'SVG images are not shown (they can carry scripts)' };
    }
    if (!meta.startsWith('image/')) return { kind: 'refused', reason: `not an image (${meta})` };
    if (!meta.endsWith(';base64')) return { kind: 'refused', reason: 'only base64 data: images' };
    const bytes = decodeBase64(s.slice(comma + 1));
    return bytes ? { kind: 'bytes', bytes } : { kind: 'refused', reason: 'broken base64' };
  }
  if (head.startsWith('http://') || head.startsWith('https://')) {
    try {
      const url = new URL(s.trim());
      return { kind: 'remote', url: url.href, origin: url.origin };
    } catch {
      return { kind: 'refused', reason: 'not a valid URL' };
    }
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(head)?.[1];
  return {
    kind: 'refused',
    reason: scheme ? `${scheme}: URLs are never opened` : 'not an image URL',
  };
}
