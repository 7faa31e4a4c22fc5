import { type Data, type DataType, Type, makeVector } from 'apache-arrow';
import { validityOf } from './validity';

const decoder = new TextDecoder();

/** Interns strings into dense codes; the first occurrence fixes the code. */
export class Interner {
  readonly dictionary: string[] = [];
  private readonly index = new Map<string, number>();
  code(s: string): number {
    let c = this.index.get(s);
    if (c === undefined) {
      c = this.dictionary.length;
      this.dictionary.push(s);
      this.index.set(s, c);
    }
    return c;
  }
}

export function displayValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array)
    return Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('');
  return String(v);
}

/** Row i of a chunk as a string; fast paths for offset-based utf8, `get` for the rest (views). */
function stringReader(data: Data): (i: number) => string {
  const type = data.type as DataType;
  if (type.typeId === Type.Utf8 || type.typeId === Type.LargeUtf8) {
    const offsets = data.valueOffsets as Int32Array | BigInt64Array;
    const bytes = data.values as Uint8Array;
    if (offsets instanceof Int32Array) {
      return (i) => decoder.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!));
    }
    return (i) => decoder.decode(bytes.subarray(Number(offsets[i]!), Number(offsets[i + 1]!)));
  }
  const vector = makeVector(data);
  return (i) => displayValue(vector.get(i));
}

/** Dictionary chunks: decode each dictionary once, then remap the (any-width) indices. */
function gatherDictionary(data: Data, interner: Interner, out: Int32Array, row: number): void {
  const dict = data.dictionary;
  const dictCodes = new Int32Array(dict ? dict.length : 0);
  for (let j = 0; j < dictCodes.length; j++)
    dictCodes[j] = interner.code(displayValue(dict!.get(j)));
  const idx = data.values as ArrayLike<number | bigint>;
  const size = dictCodes.length;
  if (data.nullCount === 0 && !(idx instanceof BigInt64Array || idx instanceof BigUint64Array)) {
    // The common case (no nulls, 8/16/32-bit indices): one table read per row, no closures.
    // `>>> 0` makes a negative index huge, so one comparison checks both bounds.
    const small = idx as ArrayLike<number>;
    for (let i = 0; i < data.length; i++) {
      const k = small[i]!;
      out[row + i] = k >>> 0 < size ? dictCodes[k]! : -1;
    }
    return;
  }
  const valid = validityOf(data);
  for (let i = 0; i < data.length; i++) {
    const k = Number(idx[i]!);
    out[row + i] = valid(i) && k >= 0 && k < size ? dictCodes[k]! : -1;
  }
}

/** Strings of every flavour (and dictionaries of anything) as codes + a dictionary. */
export function gatherStrings(chunks: readonly Data[], n: number) {
  const interner = new Interner();
  const codes = new Int32Array(n);
  let row = 0;
  for (const data of chunks) {
    if ((data.type as DataType).typeId === Type.Dictionary) {
      gatherDictionary(data, interner, codes, row);
    } else {
      const read = stringReader(data);
      const valid = validityOf(data);
      for (let i = 0; i < data.length; i++) codes[row + i] = valid(i) ? interner.code(read(i)) : -1;
    }
    row += data.length;
  }
  return { codes, dictionary: interner.dictionary };
}
