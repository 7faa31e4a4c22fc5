// Small compressors so apache-arrow's writer can emit LZ4- and ZSTD-compressed IPC: a greedy
// LZ4 block compressor in an LZ4 frame, and zstd frames of RLE and raw blocks. Real formats,
// simple encoders (the reader side is what the corpus tests).

function lz4Block(src) {
  const n = src.length;
  const out = [];
  const table = new Int32Array(4096).fill(-1);
  const read32 = (i) => src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24);
  const hash = (i) => (Math.imul(read32(i), 2654435761) >>> 20) & 4095;
  const lengthBytes = (len) => {
    for (len -= 15; len >= 255; len -= 255) out.push(255);
    out.push(len);
  };
  let anchor = 0;
  let i = 0;
  while (i < n - 12) {
    const h = hash(i);
    const ref = table[h];
    table[h] = i;
    if (ref < 0 || i - ref > 65535 || read32(ref) !== read32(i)) {
      i++;
      continue;
    }
    let len = 4;
    while (i + len < n - 5 && src[ref + len] === src[i + len]) len++;
    const lit = i - anchor;
    out.push((Math.min(lit, 15) << 4) | Math.min(len - 4, 15));
    if (lit >= 15) lengthBytes(lit);
    for (let k = anchor; k < i; k++) out.push(src[k]);
    out.push((i - ref) & 255, (i - ref) >> 8);
    if (len - 4 >= 15) lengthBytes(len - 4);
    i += len;
    anchor = i;
  }
  const lit = n - anchor;
  out.push(Math.min(lit, 15) << 4);
  if (lit >= 15) lengthBytes(lit);
  for (let k = anchor; k < n; k++) out.push(src[k]);
  return Uint8Array.from(out);
}

const u32 = (v) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255];

/** An LZ4 frame (independent 64 KiB blocks, no checksums; header checksum not computed). */
export function lz4Frame(src) {
  const out = [0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82];
  for (let at = 0; at < src.length; at += 65536) {
    const chunk = src.subarray(at, at + 65536);
    const block = lz4Block(chunk);
    if (block.length < chunk.length) out.push(...u32(block.length), ...block);
    else out.push(...u32(chunk.length | 0x80000000), ...chunk);
  }
  out.push(0, 0, 0, 0);
  return Uint8Array.from(out);
}

/** A zstd frame: single segment, 4-byte content size, runs of >= 16 equal bytes as RLE blocks. */
export function zstdFrame(src) {
  const out = [0x28, 0xb5, 0x2f, 0xfd, 0xa0, ...u32(src.length)];
  const blocks = [];
  let i = 0;
  let raw = 0;
  const flushRaw = (to) => {
    for (let at = raw; at < to; at += 131072)
      blocks.push({ type: 0, from: at, to: Math.min(to, at + 131072) });
  };
  while (i < src.length) {
    let j = i;
    while (j < src.length && src[j] === src[i] && j - i < 131072) j++;
    if (j - i >= 16) {
      flushRaw(i);
      blocks.push({ type: 1, from: i, to: j });
      raw = j;
    }
    i = j;
  }
  flushRaw(src.length);
  blocks.forEach((b, k) => {
    const size = b.to - b.from;
    const h = (size << 3) | (b.type << 1) | (k === blocks.length - 1 ? 1 : 0);
    out.push(h & 255, (h >> 8) & 255, (h >> 16) & 255);
    if (b.type === 1) out.push(src[b.from]);
    else out.push(...src.subarray(b.from, b.to));
  });
  if (blocks.length === 0) out.push(1, 0, 0);
  return Uint8Array.from(out);
}
