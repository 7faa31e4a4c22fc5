import { readFileSync } from 'node:fs';
import {
  CompressionType,
  Vector,
  compressionRegistry,
  tableFromIPC,
  type Table,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { decodeLz4Frame } from './lz4frame';
import { readLengthPrefix, registerCodecs } from './register';
import { decodeZstd } from './zstd';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../e2e/data/${name}`, import.meta.url)));

/** Plain values for deep comparison: vectors and typed arrays become arrays, BigInt stays. */
function plain(v: unknown): unknown {
  if (v instanceof Vector) return [...v].map(plain);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    return Array.from(v as unknown as ArrayLike<unknown>);
  }
  return v;
}

function expectSameValues(actual: Table, expected: Table) {
  expect(actual.schema.fields.map(String)).toEqual(expected.schema.fields.map(String));
  expect(actual.numRows).toBe(expected.numRows);
  for (const field of expected.schema.fields) {
    const a = actual.getChild(field.name)!;
    const e = expected.getChild(field.name)!;
    expect(a.nullCount, field.name).toBe(e.nullCount);
    const rows = (col: typeof a) => Array.from({ length: col.length }, (_, i) => plain(col.get(i)));
    expect(rows(a), field.name).toEqual(rows(e));
  }
}

registerCodecs();
registerCodecs(); // idempotent

describe('compressed polars fixtures decode value for value', () => {
  const expected = tableFromIPC(fixture('wide.arrow'));

  it.each(['wide-lz4.arrow', 'wide-zstd.arrow'])('%s', (name) => {
    const table = tableFromIPC(fixture(name));
    expectSameValues(table, expected);
    // Spot-check the values that break first when a decoder is off by a few bytes.
    expect(table.getChild('id')!.get(0)).toBe(9007199254740993n);
    expect(table.getChild('embedding')!.get(499)!.toArray()).toEqual(
      expected.getChild('embedding')!.get(499)!.toArray(),
    );
  });

  it('the LZ4 fixture sets the block-checksum flag (the lz4js trap) and no content size', () => {
    const bytes = fixture('wide-lz4.arrow');
    const at = Buffer.from(bytes).indexOf(Buffer.from([0x04, 0x22, 0x4d, 0x18]));
    expect(at).toBeGreaterThan(0);
    const flg = bytes[at + 4]!;
    expect(flg & 0x10).toBe(0x10);
    expect(flg & 0x08).toBe(0);
  });

  it('reads the stream-format file the same (large_string instead of string_view)', () => {
    const stream = tableFromIPC(fixture('wide.arrows'));
    expect(stream.numRows).toBe(expected.numRows);
    for (const name of ['id', 'segment', 'country', 'probs_v1', 'signup']) {
      const rows = (t: Table) => [...t.getChild(name)!].map(plain);
      expect(rows(stream), name).toEqual(rows(expected));
    }
  });

  it('throws on the corrupted LZ4 fixture instead of returning wrong values', () => {
    expect(() => tableFromIPC(fixture('corrupt-lz4.arrow'))).toThrow(
      /LZ4 frame: match offset 65535 out of range/,
    );
  });
});

describe('length prefix before the compressed body', () => {
  it.each([
    ['wide-lz4.arrow', CompressionType.LZ4_FRAME],
    ['wide-zstd.arrow', CompressionType.ZSTD],
  ] as const)('%s: equals the decoded length of every buffer', (name, type) => {
    const seen: [number | undefined, number][] = [];
    const decodeFn = type === CompressionType.ZSTD ? decodeZstd : decodeLz4Frame;
    compressionRegistry.set(type, {
      decode: (body) => {
        const out = decodeFn(body); // no hint: size found by the decoder itself
        seen.push([readLengthPrefix(body), out.length]);
        return out;
      },
    });
    try {
      tableFromIPC(fixture(name));
    } finally {
      compressionRegistry.set(type, {
        decode: (body) => decodeFn(body, readLengthPrefix(body)),
      });
    }
    expect(seen.length).toBeGreaterThan(5);
    for (const [hint, length] of seen) expect(hint).toBe(length);
  });

  it('is undefined when there is no room for a prefix', () => {
    expect(readLengthPrefix(new Uint8Array(16))).toBeUndefined();
  });
});

describe('decodeZstd', () => {
  // Hand-built frame: single segment with a 1-byte content size, one raw block.
  const hello = [0x28, 0xb5, 0x2f, 0xfd, 0x20, 5, (5 << 3) | 1, 0, 0, ...Buffer.from('hello')];

  it('returns an 8-aligned copy when fzstd returns a misaligned view', () => {
    const out = decodeZstd(Uint8Array.from(hello));
    expect(Buffer.from(out).toString()).toBe('hello');
    expect(out.byteOffset % 8).toBe(0);
  });

  it('decodes into a buffer of expectedLength, and multi-frame input as well', () => {
    expect(Buffer.from(decodeZstd(Uint8Array.from(hello), 5)).toString()).toBe('hello');
    // fzstd cannot write two frames into one caller buffer; the fallback must handle it.
    const two = decodeZstd(Uint8Array.from([...hello, ...hello]), 10);
    expect(Buffer.from(two).toString()).toBe('hellohello');
  });

  it('throws on data that is not zstd', () => {
    expect(() => decodeZstd(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow();
  });
});
