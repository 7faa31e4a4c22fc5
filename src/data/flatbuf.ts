// A bounds-checked flatbuffer walker: just enough to verify Arrow IPC metadata before arrow-js
// reads it (arrow-js trusts every offset and vector length, so a flipped byte can make it loop
// billions of times or walk past the buffer).

/** A flatbuffer that does not fit in its bytes. */
export class FlatbufferError extends Error {}

/** The fields of one table: absolute positions, 0 when absent. */
export interface FbTable {
  pos: number;
  field(i: number): number;
}

export class Flatbuffer {
  private readonly view: DataView;
  /** Tables and vectors visited so far: shared sub-tables could otherwise explode the walk. */
  private visits = 0;

  constructor(
    readonly bytes: Uint8Array,
    private readonly maxVisits = 1_000_000,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(at: number, size: number): void {
    if (!(at >= 0 && at + size <= this.bytes.length)) {
      throw new FlatbufferError(`offset ${at} + ${size} is outside ${this.bytes.length} bytes`);
    }
  }

  private visit(): void {
    if (++this.visits > this.maxVisits) throw new FlatbufferError('metadata is too deeply shared');
  }

  u8(at: number): number {
    this.need(at, 1);
    return this.view.getUint8(at);
  }
  i16(at: number): number {
    this.need(at, 2);
    return this.view.getInt16(at, true);
  }
  i32(at: number): number {
    this.need(at, 4);
    return this.view.getInt32(at, true);
  }
  u32(at: number): number {
    this.need(at, 4);
    return this.view.getUint32(at, true);
  }
  i64(at: number): bigint {
    this.need(at, 8);
    return this.view.getBigInt64(at, true);
  }

  /** Follows the uoffset stored at `at`. */
  deref(at: number): number {
    const target = at + this.u32(at);
    this.need(target, 4);
    return target;
  }

  /** The table at `pos`, with its vtable and every present field inside the buffer. */
  table(pos: number): FbTable {
    this.visit();
    const vt = pos - this.i32(pos);
    const vtLen = this.u16(vt);
    const tableLen = this.u16(vt + 2);
    if (vtLen < 4 || vtLen % 2 !== 0) throw new FlatbufferError(`bad vtable at ${vt}`);
    this.need(vt, vtLen);
    this.need(pos, Math.max(4, tableLen));
    const count = (vtLen - 4) / 2;
    const offsets: number[] = [];
    for (let i = 0; i < count; i++) {
      const o = this.u16(vt + 4 + 2 * i);
      if (o !== 0 && o + 1 > tableLen) throw new FlatbufferError(`field ${i} outside its table`);
      offsets.push(o);
    }
    return { pos, field: (i) => (offsets[i] ? pos + offsets[i]! : 0) };
  }

  /** A vector referenced from field position `at`: its first element and length, verified. */
  vector(at: number, elementSize: number): { start: number; length: number } {
    this.visit();
    const v = this.deref(at);
    const length = this.u32(v);
    this.need(v + 4, length * elementSize);
    return { start: v + 4, length };
  }

  /** Positions of the tables in a vector of tables referenced from `at`. */
  tables(at: number): number[] {
    const { start, length } = this.vector(at, 4);
    return Array.from({ length }, (_, i) => this.deref(start + 4 * i));
  }

  /** The string referenced from `at`, verified and decoded. */
  string(at: number): string {
    const { start, length } = this.vector(at, 1);
    return new TextDecoder().decode(this.bytes.subarray(start, start + length));
  }

  private u16(at: number): number {
    this.need(at, 2);
    return this.view.getUint16(at, true);
  }
}
