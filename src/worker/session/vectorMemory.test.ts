import { describe, expect, it } from 'vitest';
import { Field, FixedSizeList, Float32, Table, vectorFromArray } from 'apache-arrow';
import { fromArrowTable } from '../../data/fromArrow';
import './session';
import { simdScanner } from '../../engine/neighbors/simdScan';

function embeddings(rows: number[][], dim: number): Table {
  const type = new FixedSizeList(dim, new Field('item', new Float32(), false));
  return new Table({ e: vectorFromArray(rows, type) });
}

// Importing the session points data/ at WebAssembly memory, as the worker does.
describe('vector columns read into WebAssembly memory', () => {
  it('land where the SIMD neighbour scan reads them in place, values intact', () => {
    const a = [Array.from({ length: 8 }, (_, j) => j), Array.from({ length: 8 }, (_, j) => -j)];
    const b = [Array.from({ length: 8 }, (_, j) => j / 10)];
    // Two record batches: the column is copied (not a view into the file) at load.
    const t = embeddings(a, 8).concat(embeddings(b, 8));
    expect(t.batches.length).toBe(2);
    const col = fromArrowTable(t, 'e.arrow', 0).columns[0]!;
    if (col.kind !== 'vector') throw new Error('expected a vector column');
    expect(Array.from(col.values)).toEqual([...a.flat(), ...b.flat()].map(Math.fround));
    const s = simdScanner(col.values, 8)!;
    expect(s.scans.memory.buffer).toBe(col.values.buffer);
  });

  it('keeps dims that are not a multiple of 8 in a plain array', () => {
    const t = embeddings([[1, 2, 3]], 3).concat(embeddings([[4, 5, 6]], 3));
    const col = fromArrowTable(t, 'e.arrow', 0).columns[0]!;
    if (col.kind !== 'vector') throw new Error('expected a vector column');
    expect(Array.from(col.values)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(col.values.buffer).toBeInstanceOf(ArrayBuffer);
    expect(simdScanner(col.values, 3)).toBeNull();
  });
});
