// The size an encoded image claims, read from its header before anything decodes it: a
// 100-megapixel PNG is refused from 24 bytes instead of allocating 400 MB of pixels.

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';
export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}
export type HeaderResult = ImageHeader | { error: string };

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => u16be(b, i) * 65536 + u16be(b, i + 2);
const ascii = (b: Uint8Array, i: number, n: number) =>
  String.fromCharCode(...b.subarray(i, Math.min(b.length, i + n)));
const short = { error: 'the image data is cut short (no complete header)' };

function png(b: Uint8Array): HeaderResult {
  if (b.length < 24) return short;
  if (ascii(b, 12, 4) !== 'IHDR') return { error: 'the PNG has no IHDR header (corrupt)' };
  return { format: 'png', width: u32be(b, 16), height: u32be(b, 20) };
}

/** Walks the JPEG markers to the first start-of-frame, which holds the size. */
function jpeg(b: Uint8Array): HeaderResult {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return { error: 'the JPEG markers are corrupt' };
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const sof = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (sof) return { format: 'jpeg', height: u16be(b, at + 5), width: u16be(b, at + 7) };
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) at += 2;
    else at += 2 + u16be(b, at + 2);
  }
  return short;
}

function webp(b: Uint8Array): HeaderResult {
  if (b.length < 30) return short;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ')
    return { format: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const width = 1 + (((b[22]! & 0x3f) << 8) | b[21]!);
    const height = 1 + (((b[24]! & 0xf) << 10) | (b[23]! << 2) | ((b[22]! & 0xc0) >> 6));
    return { format: 'webp', width, height };
  }
  if (chunk === 'VP8X')
    return { format: 'webp', width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  return { error: `the WebP holds an unknown chunk "${chunk}"` };
}

/** Format and claimed size of PNG, JPEG, WebP and GIF bytes; anything else is refused by name. */
export function readImageHeader(b: Uint8Array): HeaderResult {
  if (b.length === 0) return { error: 'no image (empty)' };
  if (b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') return png(b);
  if (b[0] === 0xff && b[1] === 0xd8) return jpeg(b);
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return webp(b);
  if (ascii(b, 0, 4) === 'GIF8') {
    if (b.length < 10) return short;
    return { format: 'gif', width: u16le(b, 6), height: u16le(b, 8) };
  }
  const head = ascii(b, 0, 256).trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')))
    return { error: 'SVG images are not shown (they can carry scripts)' };
  return { error: 'not a PNG, JPEG, WebP or GIF image' };
}
