// Verifies the structure of Arrow IPC bytes before arrow-js parses them. arrow-js trusts every
// length and offset: a record-batch entry of the footer pointing at another kind of message makes
// it loop forever, and a flipped vector length makes it build billions of objects. Here every
// message, length and flatbuffer vector is checked against the bytes that are really there.
import { type FbTable, Flatbuffer, FlatbufferError } from './flatbuf';

/** A structural problem, worded for the user (the loader adds the file name). */
export class IpcError extends Error {}

const SCHEMA = 1;
const DICTIONARY_BATCH = 2;
const RECORD_BATCH = 3;
const MESSAGE_NAMES: Record<number, string> = {
  [SCHEMA]: 'schema',
  [DICTIONARY_BATCH]: 'dictionary batch',
  [RECORD_BATCH]: 'record batch',
};
const MAX_DEPTH = 64;
const TYPE_TIMESTAMP = 10;
const TYPE_UNION = 14;

const corrupt = (what: string) => new IpcError(`the file is truncated or corrupt: ${what}`);

function keyValues(fb: Flatbuffer, at: number): void {
  if (!at) return;
  for (const kv of fb.tables(at)) {
    const t = fb.table(kv);
    if (t.field(0)) fb.string(t.field(0));
    if (t.field(1)) fb.string(t.field(1));
  }
}

/** Field nodes a record batch has for this field (one per array in its tree). */
function field(fb: Flatbuffer, pos: number, depth: number, dictIds: Set<bigint>): number {
  const f = fb.table(pos);
  if (f.field(0)) fb.string(f.field(0));
  const typeId = f.field(2) ? fb.u8(f.field(2)) : 0;
  if (f.field(3)) {
    const type = fb.table(fb.deref(f.field(3)));
    if (typeId === TYPE_TIMESTAMP && type.field(1)) fb.string(type.field(1));
    if (typeId === TYPE_UNION && type.field(1)) fb.vector(type.field(1), 4);
  }
  const children = fields(fb, f.field(5), depth + 1, dictIds);
  keyValues(fb, f.field(6));
  if (!f.field(4)) return 1 + children;
  const dict = fb.table(fb.deref(f.field(4)));
  dictIds.add(dict.field(0) ? fb.i64(dict.field(0)) : 0n);
  if (dict.field(1)) fb.table(fb.deref(dict.field(1)));
  return 1; // the indices; the values come in dictionary batches
}

function fields(fb: Flatbuffer, at: number, depth: number, dictIds: Set<bigint>): number {
  if (!at) return 0;
  if (depth > MAX_DEPTH) throw corrupt('the schema nests more than 64 levels deep');
  let nodes = 0;
  for (const pos of fb.tables(at)) nodes += field(fb, pos, depth, dictIds);
  return nodes;
}

interface SchemaInfo {
  nodes: number;
  /** Index of each column's first field node: its length is the batch's row count. */
  tops: number[];
  names: string[];
  dictIds: Set<bigint>;
}

function schema(fb: Flatbuffer, t: FbTable): SchemaInfo {
  const dictIds = new Set<bigint>();
  const tops: number[] = [];
  const names: string[] = [];
  let nodes = 0;
  if (t.field(1)) {
    for (const pos of fb.tables(t.field(1))) {
      tops.push(nodes);
      const name = fb.table(pos).field(0);
      names.push(name ? fb.string(name) : `#${names.length + 1}`);
      nodes += field(fb, pos, 0, dictIds);
    }
  }
  keyValues(fb, t.field(2));
  if (t.field(3)) fb.vector(t.field(3), 8);
  return { nodes, tops, names, dictIds };
}

/** `shape`: the nodes the schema needs and where each column's first node is. */
function recordBatch(
  fb: Flatbuffer,
  t: FbTable,
  bodyLength: number,
  shape: { nodes: number; tops: number[]; names: string[] },
): void {
  const length = t.field(0) ? fb.i64(t.field(0)) : 0n;
  if (length < 0n || length > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw corrupt(`a record batch declares ${length} rows`);
  }
  const nodes = t.field(1) ? fb.vector(t.field(1), 16) : { start: 0, length: 0 };
  if (nodes.length < shape.nodes) {
    throw corrupt(`a record batch describes ${nodes.length} arrays, the schema has ${shape.nodes}`);
  }
  shape.tops.forEach((top, k) => {
    const rows = fb.i64(nodes.start + 16 * top);
    if (rows !== length) {
      const name = shape.names[k] ?? `#${k + 1}`;
      throw corrupt(`column "${name}" declares ${rows} rows in a record batch of ${length}`);
    }
  });
  for (let i = 0; i < nodes.length; i++) {
    const rows = fb.i64(nodes.start + 16 * i);
    const nulls = fb.i64(nodes.start + 16 * i + 8);
    if (rows < 0n || nulls < 0n || nulls > rows || rows > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw corrupt(`a column declares ${rows} rows with ${nulls} nulls`);
    }
  }
  const buffers = t.field(2) ? fb.vector(t.field(2), 16) : { start: 0, length: 0 };
  for (let i = 0; i < buffers.length; i++) {
    const offset = fb.i64(buffers.start + 16 * i);
    const len = fb.i64(buffers.start + 16 * i + 8);
    if (offset < 0n || len < 0n || offset + len > BigInt(bodyLength)) {
      throw corrupt(
        `a buffer at ${offset} of ${len} bytes lies outside its ${bodyLength}-byte message body`,
      );
    }
  }
  if (t.field(3)) fb.table(fb.deref(t.field(3)));
  // String-view columns name how many data buffers they use; arrow-js allocates an array of
  // that length before reading them.
  const variadic = t.field(4) ? fb.vector(t.field(4), 8) : { start: 0, length: 0 };
  let total = 0n;
  for (let i = 0; i < variadic.length; i++) {
    const count = fb.i64(variadic.start + 8 * i);
    total += count;
    if (count < 0n || total > BigInt(buffers.length)) {
      throw corrupt(
        `a record batch declares ${count} string data buffers, it has ${buffers.length}`,
      );
    }
  }
}

interface Message {
  type: number;
  /** Byte just after the message (metadata and body). */
  end: number;
}

/** Reads and verifies the message at `pos`; null at an end-of-stream marker. */
function message(
  bytes: Uint8Array,
  pos: number,
  end: number,
  info: SchemaInfo | null,
): Message | { type: number; end: number; schema: SchemaInfo } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (pos + 4 > end) throw corrupt(`it ends inside a message header at byte ${pos}`);
  let len = view.getInt32(pos, true);
  let at = pos + 4;
  if (len === -1) {
    if (at + 4 > end) throw corrupt(`it ends inside a message header at byte ${pos}`);
    len = view.getInt32(at, true);
    at += 4;
  }
  if (len === 0) return null;
  if (len < 0) throw corrupt(`a message at byte ${pos} declares ${len} bytes of metadata`);
  if (at + len > end) {
    throw corrupt(
      `a message at byte ${pos} declares ${len} bytes of metadata, only ${end - at} remain`,
    );
  }
  const fb = new Flatbuffer(bytes.subarray(at, at + len));
  try {
    const m = fb.table(fb.deref(0));
    const type = m.field(1) ? fb.u8(m.field(1)) : 0;
    const bodyLength = m.field(3) ? fb.i64(m.field(3)) : 0n;
    const bodyStart = at + len;
    if (bodyLength < 0n || bodyLength > BigInt(end - bodyStart)) {
      throw corrupt(
        `a ${MESSAGE_NAMES[type] ?? 'message'} at byte ${pos} declares a body of ${bodyLength} bytes, only ${end - bodyStart} remain`,
      );
    }
    const body = Number(bodyLength);
    const header = m.field(2) ? fb.table(fb.deref(m.field(2))) : null;
    keyValues(fb, m.field(4));
    if (!header || !MESSAGE_NAMES[type]) {
      throw corrupt(`the message at byte ${pos} is of an unknown kind (${type})`);
    }
    const next = bodyStart + body;
    if (type === SCHEMA) return { type, end: next, schema: schema(fb, header) };
    if (type === RECORD_BATCH) {
      recordBatch(fb, header, body, info ?? { nodes: 0, tops: [], names: [] });
    } else {
      const id = header.field(0) ? fb.i64(header.field(0)) : 0n;
      if (info && !info.dictIds.has(id)) {
        throw corrupt(`a dictionary batch has id ${id}, which no column uses`);
      }
      const data = header.field(1) ? fb.table(fb.deref(header.field(1))) : null;
      if (!data) throw corrupt(`the dictionary batch at byte ${pos} has no data`);
      recordBatch(fb, data, body, { nodes: 1, tops: [0], names: ['dictionary'] });
    }
    return { type, end: next };
  } catch (err) {
    if (err instanceof FlatbufferError) {
      throw corrupt(`the metadata of the message at byte ${pos} is damaged (${err.message})`);
    }
    throw err;
  }
}

/** A stream: schema, then dictionary and record batches, until an end marker or the end. */
function checkStream(bytes: Uint8Array, start: number, end: number): void {
  let pos = start;
  let info: SchemaInfo | null = null;
  while (pos < end) {
    const m = message(bytes, pos, end, info);
    if (!m && !info) throw corrupt(`the stream ends at byte ${pos}, before its schema`);
    if (!m) return;
    if ('schema' in m) {
      if (info) throw corrupt(`a second schema at byte ${pos}`);
      info = m.schema;
    } else if (!info) {
      throw corrupt(`the stream starts with a ${MESSAGE_NAMES[m.type]}, not a schema`);
    }
    pos = m.end;
  }
  if (!info) throw corrupt('there is no schema');
}

/** A file: magic, messages, footer (schema and where each batch is), footer length, magic. */
function checkFile(bytes: Uint8Array): void {
  const n = bytes.length;
  const tail = new TextDecoder().decode(bytes.subarray(Math.max(0, n - 6)));
  if (n < 22 || tail !== 'ARROW1') {
    throw corrupt(
      `an Arrow file ends with its footer and "ARROW1"; this one stops at byte ${n} without them (cut short, or not fully written)`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const footerLength = view.getInt32(n - 10, true);
  const footerStart = n - 10 - footerLength;
  if (footerLength <= 0 || footerStart < 8) {
    throw corrupt(`the footer declares ${footerLength} bytes, the file has ${n}`);
  }
  const fb = new Flatbuffer(bytes.subarray(footerStart, n - 10));
  const blocks: { offset: bigint; type: number }[] = [];
  let info: SchemaInfo;
  try {
    const footer = fb.table(fb.deref(0));
    if (!footer.field(1)) throw corrupt('the footer has no schema');
    info = schema(fb, fb.table(fb.deref(footer.field(1))));
    for (const [field, type] of [
      [2, DICTIONARY_BATCH],
      [3, RECORD_BATCH],
    ] as const) {
      if (!footer.field(field)) continue;
      const { start, length } = fb.vector(footer.field(field), 24);
      for (let i = 0; i < length; i++) blocks.push({ offset: fb.i64(start + 24 * i), type });
    }
    keyValues(fb, footer.field(4));
  } catch (err) {
    if (err instanceof FlatbufferError) {
      throw corrupt(`the footer is damaged (${err.message})`);
    }
    throw err;
  }
  for (const b of blocks) {
    const what = MESSAGE_NAMES[b.type]!;
    if (b.offset < 8n || b.offset >= BigInt(footerStart)) {
      throw corrupt(`the footer places a ${what} at byte ${b.offset}, outside the data`);
    }
    const m = message(bytes, Number(b.offset), footerStart, info);
    if (!m || m.type !== b.type) {
      throw corrupt(`the footer places a ${what} at byte ${b.offset}, but there is none there`);
    }
  }
}

const MAGIC = 'ARROW1';

/** Throws an IpcError naming the first structural problem; returns quietly on sound bytes. */
export function checkIpc(bytes: Uint8Array): void {
  const head = new TextDecoder().decode(bytes.subarray(0, 6));
  if (head === MAGIC) checkFile(bytes);
  else checkStream(bytes, 0, bytes.length);
}
