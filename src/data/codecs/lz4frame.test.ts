import { describe, expect, it } from 'vitest';
import { decodeLz4Frame } from './lz4frame';

// Frames are built byte by byte from the spec so each feature is tested on its own.
const MAGIC = [0x04, 0x22, 0x4d, 0x18];
const VERSION = 0x40; // FLG bits 7-6 = 01
const INDEPENDENT = 0x20;
const BLOCK_CHECKSUM = 0x10;
const CONTENT_SIZE = 0x08;
const CONTENT_CHECKSUM = 0x04;
const DICT_ID = 0x01;
const BD_64K = 0x40;
// Checksum bytes are never verified; these look like a block size / token if misread.
const FAKE_CHECKSUM = [0x05, 0x00, 0x00, 0x00];

const u32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const text = (b: Uint8Array) => new TextDecoder().decode(b);

interface Block {
  bytes: number[];
  raw?: boolean; // stored uncompressed (high bit of the size word)
}

function frame(blocks: Block[], flg = VERSION | INDEPENDENT, contentSize?: number): number[] {
  const out = [...MAGIC, flg, BD_64K];
  if (flg & CONTENT_SIZE) out.push(...u32(contentSize ?? 0), 0, 0, 0, 0);
  if (flg & DICT_ID) out.push(...u32(0x12345678));
  out.push(0xaa); // header checksum, not verified
  for (const b of blocks) {
    out.push(...u32(b.bytes.length + (b.raw ? 0x80000000 : 0)), ...b.bytes);
    if (flg & BLOCK_CHECKSUM) out.push(...FAKE_CHECKSUM);
  }
  out.push(...u32(0)); // end mark
  if (flg & CONTENT_CHECKSUM) out.push(0x11, 0x22, 0x33, 0x44);
  return out;
}
const decode = (bytes: number[], expected?: number) =>
  decodeLz4Frame(Uint8Array.from(bytes), expected);

// Sequences: token (literal length << 4 | match length - 4), literals, 2-byte offset, ...
const HELLO: Block = { bytes: [0x50, ...ascii('hello')] }; // 5 literals, no match
// 'abc', then offset 3 length 9 (overlapping copy), then literals 'XYZ'.
const ABC: Block = { bytes: [0x35, ...ascii('abc'), 3, 0, 0x30, ...ascii('XYZ')] };
const ABC_OUT = 'abcabcabcabcXYZ';

describe('decodeLz4Frame', () => {
  it('decodes a literal-only block', () => {
    expect(text(decode(frame([HELLO])))).toBe('hello');
  });

  it('decodes an uncompressed block (high bit of the size word)', () => {
    expect(text(decode(frame([{ bytes: ascii('plain'), raw: true }])))).toBe('plain');
  });

  it('decodes a block with an overlapping match', () => {
    expect(text(decode(frame([ABC])))).toBe(ABC_OUT);
  });

  it('decodes extended literal and match lengths', () => {
    // 20 literals (15 + 5) ending in 'a', then an 'a'-run: offset 1, length 4 + 15 + 11 = 30,
    // then a final literal 'b'.
    const lits = [...ascii('ABCDEFGHIJKLMNOPQRS'), 97];
    const block = [0xff, 5, ...lits, 1, 0, 11, 0x10, 98];
    const out = decode(frame([{ bytes: block }]));
    expect(text(out)).toBe('ABCDEFGHIJKLMNOPQRS' + 'a'.repeat(31) + 'b');
  });

  it('decodes a long non-overlapping match', () => {
    // 40 literals (15 + 25), then offset 40 length 40 (4 + 15 + 21), then one literal.
    const lits = Array.from({ length: 40 }, (_, i) => i);
    const block = [0xff, 25, ...lits, 40, 0, 21, 0x10, 0x99];
    expect([...decode(frame([{ bytes: block }]))]).toEqual([...lits, ...lits, 0x99]);
  });

  it('skips block checksums that follow each block', () => {
    const flg = VERSION | BLOCK_CHECKSUM;
    expect(text(decode(frame([HELLO, ABC], flg)))).toBe('hello' + ABC_OUT);
    expect(text(decode(frame([{ bytes: ascii('raw'), raw: true }, HELLO], flg)))).toBe('rawhello');
  });

  it('lets matches reach into earlier blocks of the same frame (linked blocks)', () => {
    const first = { bytes: [0x80, ...ascii('abcdefgh')] };
    const second = { bytes: [0x04, 8, 0, 0x10, ...ascii('Z')] }; // no literals, copy 8 back
    expect(text(decode(frame([first, second], VERSION | BLOCK_CHECKSUM)))).toBe(
      'abcdefghabcdefghZ',
    );
  });

  it('reads content size, dictionary id and content checksum fields', () => {
    const flg = VERSION | CONTENT_SIZE | CONTENT_CHECKSUM | DICT_ID | BLOCK_CHECKSUM;
    expect(text(decode(frame([ABC], flg, ABC_OUT.length)))).toBe(ABC_OUT);
  });

  it('rejects a frame whose content size does not match', () => {
    expect(() => decode(frame([HELLO], VERSION | CONTENT_SIZE, 6))).toThrow(/declares 6 bytes/);
  });

  it('skips skippable frames and decodes concatenated frames', () => {
    const skippable = [0x5a, 0x2a, 0x4d, 0x18, ...u32(3), 1, 2, 3];
    const bytes = [...skippable, ...frame([HELLO]), ...frame([ABC], VERSION | BLOCK_CHECKSUM)];
    expect(text(decode(bytes))).toBe('hello' + ABC_OUT);
  });

  it('does not let a match reach into a previous frame', () => {
    const backRef = { bytes: [0x00, 5, 0, 0x10, ...ascii('!')] }; // copy 4 from 5 back
    expect(() => decode([...frame([HELLO]), ...frame([backRef])])).toThrow(/out of range/);
  });

  it('returns exactly the decoded length whatever expectedLength says', () => {
    const bytes = frame([ABC]);
    for (const hint of [undefined, 0, 3, ABC_OUT.length, 1000]) {
      const out = decode(bytes, hint);
      expect(out.length).toBe(ABC_OUT.length);
      expect(text(out)).toBe(ABC_OUT);
    }
    // An exact hint fills the pre-sized buffer: no trailing slack kept alive.
    expect(decode(bytes, ABC_OUT.length).buffer.byteLength).toBe(ABC_OUT.length);
  });

  it('throws on bad magic and empty input', () => {
    expect(() => decode([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0])).toThrow(/bad magic 0xfd2fb528/);
    expect(() => decode([])).toThrow(/empty input/);
    expect(() => decode([...frame([HELLO]), 1, 2, 3, 4])).toThrow(/bad magic/);
  });

  it('throws on every truncation of a valid frame', () => {
    const full = frame([HELLO, ABC], VERSION | BLOCK_CHECKSUM | CONTENT_CHECKSUM);
    for (let cut = 1; cut < full.length; cut++) {
      expect(() => decode(full.slice(0, cut)), `cut at ${cut}`).toThrow(/LZ4 frame/);
    }
  });

  it('throws on match offsets out of range', () => {
    const zero = { bytes: [0x10, 97, 0, 0, 0x10, 98] };
    const tooFar = { bytes: [0x10, 97, 2, 0, 0x10, 98] };
    expect(() => decode(frame([zero]))).toThrow(/match offset 0 out of range/);
    expect(() => decode(frame([tooFar]))).toThrow(/match offset 2 out of range/);
  });

  it('throws on an unsupported version and bad block lengths', () => {
    expect(() => decode(frame([HELLO], 0x80))).toThrow(/version 2/);
    expect(() => decode(frame([{ bytes: [0x90, ...ascii('short')] }]))).toThrow(/literals run/);
  });
});
