import { decompress } from 'fzstd';

/** A zstd block of at most 3 + 1 bytes can expand to 128 KiB (an RLE block): the largest ratio. */
const MAX_RATIO = 32_768;
/** Largest window we let fzstd allocate for a frame without a content size (zstd --long: 128 MiB). */
const MAX_WINDOW = 2 ** 27;

/** Most bytes `input` can decode to; a length prefix above this is damaged, not real. */
export function zstdBound(input: Uint8Array): number {
  return input.length * MAX_RATIO + 1024;
}

/**
 * fzstd sizes its output from the first frame's header when it has no buffer: content size, or
 * the window size. A damaged header can declare gigabytes; refuse that before allocating.
 */
function checkFrameHeader(input: Uint8Array): void {
  if (input.length < 6 || input[0] !== 0x28 || input[1] !== 0xb5 || input[2] !== 0x2f) return;
  const flg = input[4]!;
  const singleSegment = (flg >> 5) & 1;
  const fcsFlag = flg >> 6;
  const dictBytes = [0, 1, 2, 4][flg & 3]!;
  let at = 5 + (singleSegment ? 0 : 1) + dictBytes;
  const sizeBytes = fcsFlag ? 1 << fcsFlag : singleSegment;
  let size = 0;
  for (let i = sizeBytes - 1; i >= 0; i--) size = size * 256 + (input[at + i] ?? 0);
  if (fcsFlag === 1) size += 256;
  at += sizeBytes;
  if (size > zstdBound(input)) {
    throw new Error(`zstd frame declares ${size} bytes, more than ${input.length} bytes can hold`);
  }
  if (!singleSegment && size === 0) {
    const exp = 10 + (input[5]! >> 3);
    const base = 2 ** exp;
    const window = base + (base / 8) * (input[5]! & 7);
    if (window > MAX_WINDOW) throw new Error(`zstd frame declares a ${window}-byte window`);
  }
}

/**
 * Decodes Zstandard data. `expectedLength` must be the exact decoded size when given: fzstd
 * then decodes in place, and would return a too-large buffer with trailing zeros otherwise.
 * A length no zstd data of this size could reach is ignored (it comes from damaged bytes).
 */
export function decodeZstd(input: Uint8Array, expectedLength?: number): Uint8Array {
  try {
    return decode(input, expectedLength);
  } catch (err) {
    // fzstd's messages ("invalid block type", "FSE accuracy too high") do not say what failed.
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(/zstd/i.test(msg) ? msg : `zstd: ${msg}`);
  }
}

function decode(input: Uint8Array, expectedLength?: number): Uint8Array {
  const hint =
    expectedLength !== undefined && expectedLength <= zstdBound(input) ? expectedLength : undefined;
  let out: Uint8Array;
  if (hint === undefined) {
    checkFrameHeader(input);
    out = decompress(input);
  } else {
    try {
      out = decompress(input, new Uint8Array(hint));
    } catch {
      // fzstd cannot write several frames into a caller's buffer; let it allocate instead.
      checkFrameHeader(input);
      out = decompress(input);
    }
  }
  // fzstd may return a view at byteOffset 12; arrow then throws when it builds a BigInt64Array
  // (or Float64Array) over it, so copy to an aligned buffer.
  return out.byteOffset % 8 === 0 ? out : out.slice();
}
