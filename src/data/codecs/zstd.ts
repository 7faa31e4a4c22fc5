import { decompress } from 'fzstd';

/**
 * Decodes Zstandard data. `expectedLength` must be the exact decoded size when given: fzstd
 * then decodes in place, and would return a too-large buffer with trailing zeros otherwise.
 */
export function decodeZstd(input: Uint8Array, expectedLength?: number): Uint8Array {
  let out: Uint8Array;
  if (expectedLength === undefined) {
    out = decompress(input);
  } else {
    try {
      out = decompress(input, new Uint8Array(expectedLength));
    } catch {
      // fzstd cannot write several frames into a caller's buffer; let it allocate instead.
      out = decompress(input);
    }
  }
  // fzstd may return a view at byteOffset 12; arrow then throws when it builds a BigInt64Array
  // (or Float64Array) over it, so copy to an aligned buffer.
  return out.byteOffset % 8 === 0 ? out : out.slice();
}
