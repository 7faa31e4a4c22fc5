import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { fromArrowTable } from './fromArrow';
import { pixelShape } from './arrowBinary';
import { fixtureTable } from '../test/fixtures';
import type { BinaryColumn } from './types';

const load = (name: string) => fromArrowTable(fixtureTable(name), name, 0);

describe('binary and pixel columns', () => {
  it('reads PNG bytes exactly as arrow-js rows give them, a null row as empty', () => {
    const t = fixtureTable('instances/png-images.arrow');
    const col = load('instances/png-images.arrow').columns.find((c) => c.name === 'image');
    expect(col?.kind).toBe('binary');
    const b = col as BinaryColumn;
    expect(b.pixels).toBeNull();
    for (let i = 0; i < t.numRows; i++) {
      const expected = t.getChild('image')!.get(i) as Uint8Array | null;
      const got = b.bytes.subarray(b.starts[i]!, b.starts[i + 1]!);
      expect(Array.from(got)).toEqual(expected ? Array.from(expected) : []);
    }
    expect(t.getChild('image')!.get(t.numRows - 1)).toBeNull();
  });

  it('keeps a fixed-size list of uint8 with a square length as 28×28 grey pixels', () => {
    const bytes = new Uint8Array(
      readFileSync(new URL('../../public/demo/digits.arrow', import.meta.url)),
    );
    const t = tableFromIPC(bytes);
    const col = fromArrowTable(t, 'digits.arrow', 0).columns.find((c) => c.name === 'image');
    expect(col?.kind).toBe('binary');
    const b = col as BinaryColumn;
    expect(b.pixels).toEqual({ width: 28, height: 28, channels: 1 });
    expect(b.starts[4000]).toBe(4000 * 784);
    const row7 = t.getChild('image')!.get(7) as { toArray(): Uint8Array };
    expect(Array.from(b.bytes.subarray(7 * 784, 8 * 784))).toEqual(Array.from(row7.toArray()));
  });

  it('leaves float lists as vectors (an RGB image only by its role)', () => {
    const col = load('instances/rgb-pixels.arrow').columns.find((c) => c.name === 'pixels');
    expect(col).toMatchObject({ kind: 'vector', dim: 192 });
  });

  it('recognises square, RGB and RGBA lengths', () => {
    expect(pixelShape(784)).toEqual({ width: 28, height: 28, channels: 1 });
    expect(pixelShape(3 * 32 * 32)).toEqual({ width: 32, height: 32, channels: 3 });
    // 4·s² is itself a square: read as grey at twice the side.
    expect(pixelShape(4 * 16 * 16)).toEqual({ width: 32, height: 32, channels: 1 });
    expect(pixelShape(4 * 3 * 3 * 4)).toEqual({ width: 12, height: 12, channels: 1 });
    expect(pixelShape(128)).toBeNull();
    expect(pixelShape(1)).toBeNull();
  });
});

describe('binary in place', () => {
  it('a single null-free Binary chunk is a view into the file, rows as arrow-js reads them', async () => {
    const {
      Binary,
      makeData,
      Table,
      tableFromIPC: read,
      tableToIPC,
    } = await import('apache-arrow');
    const rows = [Uint8Array.of(1, 2, 3), Uint8Array.of(), Uint8Array.of(9)];
    const valueOffsets = Int32Array.of(0, 3, 3, 4);
    const data = makeData({
      type: new Binary(),
      length: 3,
      nullCount: 0,
      valueOffsets,
      data: Uint8Array.of(1, 2, 3, 9),
    });
    const file = tableToIPC(
      new Table({ b: (await import('apache-arrow')).makeVector(data) }),
      'file',
    );
    const t = read(file);
    const col = fromArrowTable(t, 'b.arrow', 0).columns[0] as BinaryColumn;
    expect(col.bytes.buffer).toBe(t.getChild('b')!.data[0]!.values.buffer);
    rows.forEach((r, i) =>
      expect(Array.from(col.bytes.subarray(col.starts[i]!, col.starts[i + 1]!))).toEqual(
        Array.from(r),
      ),
    );
  });
});
