import { type Data, type DataType, Type, makeVector } from 'apache-arrow';
import type { BinaryColumn, PixelShape } from './types';
import { validityOf } from './validity';

/** One array in a tab: Chrome caps an ArrayBuffer near 2 GiB. */
const MAX_BYTES = 2 ** 31 - 2 ** 20;

export const BINARY_TYPES = new Set([
  Type.Binary,
  Type.LargeBinary,
  Type.BinaryView,
  Type.FixedSizeBinary,
]);

/** A length that is a square (grey), or 3 or 4 times one (RGB, RGBA, channels last). */
export function pixelShape(size: number): PixelShape | null {
  for (const channels of [1, 3, 4] as const) {
    if (size % channels !== 0) continue;
    const side = Math.round(Math.sqrt(size / channels));
    if (side >= 2 && side * side * channels === size)
      return { width: side, height: side, channels };
  }
  return null;
}

/** A fixed-size list of uint8 with a pixel-shaped length: raw images, not an embedding. */
export function pixelListShape(type: DataType): PixelShape | null {
  if (type.typeId !== Type.FixedSizeList) return null;
  const child = (type as unknown as { children: { type: DataType }[] }).children[0]?.type;
  const t = child as unknown as { typeId: Type; bitWidth?: number; isSigned?: boolean };
  if (!t || t.typeId !== Type.Int || t.bitWidth !== 8 || t.isSigned) return null;
  return pixelShape((type as unknown as { listSize: number }).listSize);
}

/** Row i's bytes within one chunk (a view, never a copy), or null. */
function byteReader(data: Data): (i: number) => Uint8Array | null {
  const type = data.type as DataType;
  const valid = validityOf(data);
  if (type.typeId === Type.Binary || type.typeId === Type.LargeBinary) {
    const offsets = data.valueOffsets as Int32Array | BigInt64Array;
    const bytes = data.values as Uint8Array;
    return (i) => (valid(i) ? bytes.subarray(Number(offsets[i]!), Number(offsets[i + 1]!)) : null);
  }
  if (type.typeId === Type.FixedSizeBinary || type.typeId === Type.FixedSizeList) {
    const size =
      (type as unknown as { byteWidth?: number; listSize?: number }).byteWidth ??
      (type as unknown as { listSize: number }).listSize;
    const bytes = (
      type.typeId === Type.FixedSizeList ? data.children[0]!.values : data.values
    ) as Uint8Array;
    return (i) => (valid(i) ? bytes.subarray(i * size, (i + 1) * size) : null);
  }
  const vector = makeVector(data);
  return (i) => {
    const v = valid(i) ? (vector.get(i) as unknown) : null;
    return v instanceof Uint8Array ? v : null;
  };
}

/** A single null-free chunk of Binary (int32 offsets) is used in place: a view into the file. */
function inPlace(name: string, chunks: readonly Data[], n: number): BinaryColumn | null {
  const data = chunks.length === 1 ? chunks[0]! : null;
  if (!data || data.nullCount !== 0 || (data.type as DataType).typeId !== Type.Binary) return null;
  const offsets = data.valueOffsets as Int32Array;
  const starts = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) starts[i] = offsets[i]!;
  return { kind: 'binary', name, bytes: data.values as Uint8Array, starts, pixels: null };
}

/** Binary columns and uint8 pixel lists, in one byte array with row starts (copied if chunked). */
export function gatherBinary(
  name: string,
  chunks: readonly Data[],
  n: number,
  pixels: PixelShape | null,
): BinaryColumn | string {
  const view = pixels ? null : inPlace(name, chunks, n);
  if (view) return view;
  const readers = chunks.map(byteReader);
  let total = 0;
  chunks.forEach((data, k) => {
    for (let i = 0; i < data.length; i++) total += readers[k]!(i)?.length ?? 0;
  });
  if (total > MAX_BYTES) return `its ${total} bytes are more than one array in a browser tab holds`;
  const bytes = new Uint8Array(total);
  const starts = new Float64Array(n + 1);
  let row = 0;
  let at = 0;
  chunks.forEach((data, k) => {
    for (let i = 0; i < data.length; i++, row++) {
      const v = readers[k]!(i);
      starts[row] = at;
      if (v) bytes.set(v, at);
      at += v?.length ?? 0;
    }
  });
  for (; row <= n; row++) starts[row] = at;
  return { kind: 'binary', name, bytes, starts, pixels };
}
