// LZ4 frame decoder (https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md).
// Written by hand because lz4js reads block checksums from the wrong place (before the block
// instead of after it) and silently corrupts polars output, which always sets that flag.

const FRAME_MAGIC = 0x184d2204;
const SKIPPABLE_MAGIC = 0x184d2a50; // low nibble is free: 0x184D2A50..0x184D2A5F
const UNCOMPRESSED_BIT = 0x80000000; // in a block size word: the block is stored as is

/** Most bytes LZ4 data of `n` bytes can decode to: a match-length byte adds at most 255. */
export function lz4Bound(n: number): number {
  return n * 255 + 1024;
}

/** Output buffer shared by all blocks and frames, so linked blocks can reach back into it. */
interface Sink {
  buf: Uint8Array;
  pos: number;
}

function fail(msg: string): never {
  throw new Error(`LZ4 frame: ${msg}`);
}

function readU32(src: Uint8Array, at: number): number {
  if (at + 4 > src.length) fail(`truncated input at byte ${at}`);
  return (src[at]! | (src[at + 1]! << 8) | (src[at + 2]! << 16) | (src[at + 3]! << 24)) >>> 0;
}

function grow(sink: Sink, need: number): Uint8Array {
  const next = new Uint8Array(Math.max(need, sink.buf.length * 2, 1024));
  next.set(sink.buf.subarray(0, sink.pos));
  sink.buf = next;
  return next;
}

/** Decodes one LZ4 block; matches may not reach before `windowStart` (the frame's start). */
function decodeBlock(src: Uint8Array, ip: number, end: number, sink: Sink, windowStart: number) {
  let dst = sink.buf;
  let op = sink.pos;
  while (ip < end) {
    const token = src[ip++]!;
    let litLen = token >>> 4;
    if (litLen === 15) {
      let b: number;
      do {
        if (ip >= end) fail('truncated literal length');
        b = src[ip++]!;
        litLen += b;
      } while (b === 255);
    }
    if (ip + litLen > end) fail('literals run past the end of the block');
    if (op + litLen > dst.length) {
      sink.pos = op;
      dst = grow(sink, op + litLen);
    }
    if (litLen < 16) for (let i = 0; i < litLen; i++) dst[op + i] = src[ip + i]!;
    else dst.set(src.subarray(ip, ip + litLen), op);
    ip += litLen;
    op += litLen;
    if (ip === end) break; // the last sequence of a block has literals only

    if (ip + 2 > end) fail('truncated match offset');
    const offset = src[ip]! | (src[ip + 1]! << 8);
    ip += 2;
    if (offset === 0 || offset > op - windowStart) {
      fail(`match offset ${offset} out of range at output byte ${op}`);
    }
    let matchLen = token & 15;
    if (matchLen === 15) {
      let b: number;
      do {
        if (ip >= end) fail('truncated match length');
        b = src[ip++]!;
        matchLen += b;
      } while (b === 255);
    }
    matchLen += 4;
    if (op + matchLen > dst.length) {
      sink.pos = op;
      dst = grow(sink, op + matchLen);
    }
    let from = op - offset;
    if (offset >= matchLen && matchLen > 32) {
      dst.copyWithin(op, from, from + matchLen);
      op += matchLen;
    } else {
      // Overlapping copies (offset < length) repeat the last bytes, so copy byte by byte.
      const stop = op + matchLen;
      while (op < stop) dst[op++] = dst[from++]!;
    }
  }
  sink.buf = dst;
  sink.pos = op;
}

/** Decodes one frame starting at `pos` and returns the position just after it. */
function decodeFrame(src: Uint8Array, pos: number, sink: Sink): number {
  if (pos + 7 > src.length) fail('truncated frame header');
  const flg = src[pos + 4]!;
  if (flg >>> 6 !== 1) fail(`unsupported frame version ${flg >>> 6}`);
  const hasBlockChecksum = (flg & 0x10) !== 0;
  const hasContentSize = (flg & 0x08) !== 0;
  const hasContentChecksum = (flg & 0x04) !== 0;
  const hasDictId = (flg & 0x01) !== 0;
  pos += 6; // magic, FLG, BD
  const frameStart = sink.pos;
  let contentSize = -1;
  if (hasContentSize) {
    contentSize = readU32(src, pos) + readU32(src, pos + 4) * 2 ** 32;
    if (contentSize > lz4Bound(src.length - pos)) {
      fail(`frame declares ${contentSize} bytes, more than ${src.length - pos} bytes can hold`);
    }
    if (sink.buf.length < frameStart + contentSize) grow(sink, frameStart + contentSize);
    pos += 8;
  }
  // A dictionary id means matches may point into an external dictionary we don't have; such
  // matches fail the offset check below, so frames that don't use it still decode.
  if (hasDictId) pos += 4;
  pos += 1; // header checksum
  for (;;) {
    const word = readU32(src, pos);
    pos += 4;
    if (word === 0) break; // end mark
    const size = word & 0x7fffffff;
    if (pos + size > src.length) fail(`truncated block at byte ${pos}`);
    if (word >= UNCOMPRESSED_BIT) {
      if (sink.pos + size > sink.buf.length) grow(sink, sink.pos + size);
      sink.buf.set(src.subarray(pos, pos + size), sink.pos);
      sink.pos += size;
    } else {
      decodeBlock(src, pos, pos + size, sink, frameStart);
    }
    pos += size;
    // The block checksum follows the block; it is skipped, not verified.
    if (hasBlockChecksum) pos += 4;
  }
  if (hasContentChecksum) pos += 4;
  if (pos > src.length) fail('truncated checksum');
  if (contentSize >= 0 && sink.pos - frameStart !== contentSize) {
    fail(`frame declares ${contentSize} bytes but decoded ${sink.pos - frameStart}`);
  }
  return pos;
}

/**
 * Decodes one or more concatenated LZ4 frames (skippable frames are ignored).
 * `expectedLength` only pre-sizes the output; the result always has the decoded length.
 */
export function decodeLz4Frame(input: Uint8Array, expectedLength?: number): Uint8Array {
  if (input.length === 0) fail('empty input');
  // A length no LZ4 data of this size could reach comes from damaged bytes: ignore it.
  const hint =
    expectedLength !== undefined && expectedLength <= lz4Bound(input.length)
      ? expectedLength
      : input.length * 3;
  const sink: Sink = { buf: new Uint8Array(hint), pos: 0 };
  let pos = 0;
  while (pos < input.length) {
    const magic = readU32(input, pos);
    if ((magic & 0xfffffff0) >>> 0 === SKIPPABLE_MAGIC) {
      pos += 8 + readU32(input, pos + 4);
      if (pos > input.length) fail('truncated skippable frame');
    } else if (magic === FRAME_MAGIC) {
      pos = decodeFrame(input, pos, sink);
    } else {
      fail(`bad magic 0x${magic.toString(16)} at byte ${pos}`);
    }
  }
  // Copy only when the guess was wrong, so an exact expectedLength costs no extra copy.
  return sink.pos === sink.buf.length ? sink.buf : sink.buf.slice(0, sink.pos);
}
