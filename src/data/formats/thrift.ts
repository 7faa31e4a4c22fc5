// A generic Thrift compact-protocol reader and writer, enough to rewrite a Parquet footer
// (parquetSplit.ts): every field is kept as read, so whatever a writer put in the footer — fields
// this code does not know included — is written back unchanged unless it is edited on purpose.
// Spec: https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md

export const T = {
  TRUE: 1,
  FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
  UUID: 13,
} as const;

export interface TList {
  elem: number;
  items: TValue[];
}
export interface TMap {
  key: number;
  val: number;
  entries: [TValue, TValue][];
}
export interface TField {
  id: number;
  type: number;
  value: TValue;
}
/** A struct: its fields in the order they were read. */
export type TStruct = TField[];
export type TValue = boolean | number | bigint | Uint8Array | TList | TMap | TStruct;

const MAX_DEPTH = 64;

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('thrift: read past the end');
    return this.bytes[this.pos++]!;
  }
  varint(): bigint {
    let out = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      out |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return out;
      shift += 7n;
      if (shift > 70n) throw new Error('thrift: varint too long');
    }
  }
  zigzag(): bigint {
    const v = this.varint();
    return (v >> 1n) ^ -(v & 1n);
  }
  size(): number {
    const n = Number(this.varint());
    if (n > this.bytes.length - this.pos) throw new Error('thrift: length past the end');
    return n;
  }

  value(type: number, depth: number): TValue {
    if (depth > MAX_DEPTH) throw new Error('thrift: nested too deep');
    switch (type) {
      case T.TRUE:
        return true;
      case T.FALSE:
        return false;
      case T.BYTE:
        return this.byte();
      case T.I16:
      case T.I32:
        return Number(this.zigzag());
      case T.I64:
        return this.zigzag();
      case T.DOUBLE: {
        const v = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 8).getFloat64(
          0,
          true,
        );
        this.pos += 8;
        return v;
      }
      case T.BINARY: {
        const n = this.size();
        this.pos += n;
        return this.bytes.subarray(this.pos - n, this.pos);
      }
      case T.UUID:
        this.pos += 16;
        return this.bytes.subarray(this.pos - 16, this.pos);
      case T.LIST:
      case T.SET: {
        const h = this.byte();
        const elem = h & 0x0f;
        const n = h >> 4 === 15 ? this.size() : h >> 4;
        const items: TValue[] = [];
        // Booleans inside a list are one byte each (1 = true).
        for (let i = 0; i < n; i++) {
          items.push(
            elem === T.TRUE || elem === T.FALSE ? this.byte() === 1 : this.value(elem, depth + 1),
          );
        }
        return { elem, items };
      }
      case T.MAP: {
        const n = this.size();
        if (n === 0) return { key: 0, val: 0, entries: [] };
        const kv = this.byte();
        const entries: [TValue, TValue][] = [];
        for (let i = 0; i < n; i++) {
          entries.push([this.value(kv >> 4, depth + 1), this.value(kv & 0x0f, depth + 1)]);
        }
        return { key: kv >> 4, val: kv & 0x0f, entries };
      }
      case T.STRUCT:
        return this.struct(depth + 1);
      default:
        throw new Error(`thrift: unknown type ${type}`);
    }
  }

  struct(depth = 0): TStruct {
    const fields: TStruct = [];
    let last = 0;
    for (;;) {
      const h = this.byte();
      if (h === 0) return fields;
      const type = h & 0x0f;
      const id = h >> 4 ? last + (h >> 4) : Number(this.zigzag());
      last = id;
      fields.push({ id, type, value: this.value(type, depth) });
    }
  }
}

/** Reads one struct from the start of `bytes`; throws on anything malformed. */
export function readStruct(bytes: Uint8Array): TStruct {
  return new Reader(bytes).struct();
}

class Writer {
  private buf = new Uint8Array(1024);
  len = 0;

  private room(n: number) {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b: number) {
    this.room(1);
    this.buf[this.len++] = b;
  }
  bytes(b: Uint8Array) {
    this.room(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  varint(v: bigint) {
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v) b |= 0x80;
      this.byte(b);
    } while (v);
  }
  zigzag(v: bigint) {
    this.varint(BigInt.asUintN(64, (v << 1n) ^ (v >> 63n)));
  }

  value(type: number, v: TValue) {
    switch (type) {
      case T.TRUE:
      case T.FALSE:
        return; // carried in the field header
      case T.BYTE:
        return this.byte(v as number);
      case T.I16:
      case T.I32:
      case T.I64:
        return this.zigzag(BigInt(v as number | bigint));
      case T.DOUBLE: {
        const b = new Uint8Array(8);
        new DataView(b.buffer).setFloat64(0, v as number, true);
        return this.bytes(b);
      }
      case T.BINARY:
        this.varint(BigInt((v as Uint8Array).length));
        return this.bytes(v as Uint8Array);
      case T.UUID:
        return this.bytes(v as Uint8Array);
      case T.LIST:
      case T.SET: {
        const { elem, items } = v as TList;
        if (items.length < 15) this.byte((items.length << 4) | elem);
        else {
          this.byte(0xf0 | elem);
          this.varint(BigInt(items.length));
        }
        for (const it of items) {
          if (elem === T.TRUE || elem === T.FALSE) this.byte(it ? 1 : 2);
          else this.value(elem, it);
        }
        return;
      }
      case T.MAP: {
        const { key, val, entries } = v as TMap;
        this.varint(BigInt(entries.length));
        if (entries.length === 0) return;
        this.byte((key << 4) | val);
        for (const [k, x] of entries) {
          this.value(key, k);
          this.value(val, x);
        }
        return;
      }
      case T.STRUCT:
        return this.struct(v as TStruct);
    }
  }

  struct(fields: TStruct) {
    let last = 0;
    for (const f of fields) {
      const type = f.type === T.TRUE || f.type === T.FALSE ? (f.value ? T.TRUE : T.FALSE) : f.type;
      const delta = f.id - last;
      if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
      else {
        this.byte(type);
        this.zigzag(BigInt(f.id));
      }
      last = f.id;
      this.value(type, f.value);
    }
    this.byte(0);
  }

  result(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

export function writeStruct(fields: TStruct): Uint8Array {
  const w = new Writer();
  w.struct(fields);
  return w.result();
}

/** The value of field `id`, or undefined. */
export function field(s: TStruct, id: number): TValue | undefined {
  return s.find((f) => f.id === id)?.value;
}

/** Sets (or adds, keeping ids ascending) field `id`. */
export function setField(s: TStruct, id: number, type: number, value: TValue): void {
  const at = s.findIndex((f) => f.id === id);
  if (at >= 0) s[at] = { id, type, value };
  else {
    const before = s.findIndex((f) => f.id > id);
    s.splice(before < 0 ? s.length : before, 0, { id, type, value });
  }
}

export function dropFields(s: TStruct, ...ids: number[]): TStruct {
  return s.filter((f) => !ids.includes(f.id));
}
