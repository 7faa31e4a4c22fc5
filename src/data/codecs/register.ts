import { CompressionType, compressionRegistry } from 'apache-arrow';
import { decodeLz4Frame } from './lz4frame';
import { decodeZstd } from './zstd';

// Largest decoded length we accept from the prefix: beyond this it is not a real arrow prefix.
const MAX_HINT = 2 ** 31 - 1;

/**
 * Arrow stores each compressed buffer as an int64 (little-endian) uncompressed length followed
 * by the compressed body, and arrow-js 21.2 calls `decode(body)` with a view that starts right
 * after that prefix. So the length sits in the 8 bytes before the view. This relies on
 * arrow-js internals (tested in codecs.test.ts); when the view has no room before it we
 * return undefined and decoders fall back to sizing the output themselves.
 */
export function readLengthPrefix(body: Uint8Array): number | undefined {
  if (body.byteOffset < 8) return undefined;
  const view = new DataView(body.buffer, body.byteOffset - 8, 8);
  const length = view.getBigInt64(0, true);
  return length >= 0n && length <= BigInt(MAX_HINT) ? Number(length) : undefined;
}

let registered = false;

/** Teaches apache-arrow to read LZ4_FRAME and ZSTD compressed IPC buffers. Idempotent. */
export function registerCodecs(): void {
  if (registered) return;
  registered = true;
  // No `encode`: set() validates an encoder by calling it, so one that throws 'not supported'
  // would make set() throw. We only read.
  compressionRegistry.set(CompressionType.LZ4_FRAME, {
    decode: (body) => decodeLz4Frame(body, readLengthPrefix(body)),
  });
  compressionRegistry.set(CompressionType.ZSTD, {
    decode: (body) => decodeZstd(body, readLengthPrefix(body)),
  });
}
