// Minimal Arrow IPC walking for the corpus script: where each message, field node, buffer and
// footer block sits, so that cuts and patches land inside the named structure.

/** Field positions of the flatbuffer table at `pos` (absolute); 0 when the field is absent. */
export function fbTable(b, pos) {
  const vt = pos - b.readInt32LE(pos);
  const vtLen = b.readUInt16LE(vt);
  return (i) => {
    const o = 4 + 2 * i < vtLen ? b.readUInt16LE(vt + 4 + 2 * i) : 0;
    return o ? pos + o : 0;
  };
}
export const fbDeref = (b, p) => p + b.readUInt32LE(p);
/** Start (first element) and length of the vector referenced from field position `p`. */
export function fbVector(b, p) {
  const v = fbDeref(b, p);
  return { start: v + 4, length: b.readUInt32LE(v), lengthAt: v };
}

const TYPES = { 1: 'schema', 2: 'dictionary', 3: 'batch' };

/** Messages from `at` on: prefix, metadata and body positions, and the header's fields. */
export function messages(b, at, end = b.length) {
  const out = [];
  while (at + 8 <= end && b.readInt32LE(at) === -1 && b.readInt32LE(at + 4) > 0) {
    const metaStart = at + 8;
    const metaLength = b.readInt32LE(at + 4);
    const msgPos = fbDeref(b, metaStart);
    const msg = fbTable(b, msgPos);
    const header = fbDeref(b, msg(2));
    const bodyStart = metaStart + metaLength;
    const bodyLength = msg(3) ? Number(b.readBigInt64LE(msg(3))) : 0;
    const type = TYPES[b[msg(1)]];
    // A dictionary batch wraps a record batch (field 1).
    const batchPos = type === 'dictionary' ? fbDeref(b, fbTable(b, header)(1)) : header;
    const batch = type === 'schema' ? null : fbTable(b, batchPos);
    out.push({
      type,
      start: at,
      metaStart,
      metaLength,
      bodyStart,
      bodyLength,
      end: bodyStart + bodyLength,
      bodyLengthAt: msg(3),
      header,
      lengthAt: batch ? batch(0) : 0,
      nodes: batch && batch(1) ? fbVector(b, batch(1)) : null,
      buffers: batch && batch(2) ? fbVector(b, batch(2)) : null,
      dictIdAt: type === 'dictionary' ? fbTable(b, header)(0) : 0,
    });
    at = bodyStart + bodyLength;
  }
  return out;
}

/** An IPC file: its messages (after the 8-byte magic) and footer positions. */
export function fileLayout(b) {
  const footerLength = b.readInt32LE(b.length - 10);
  const footerStart = b.length - 10 - footerLength;
  const footer = fbTable(b, fbDeref(b, footerStart));
  return {
    messages: messages(b, 8, footerStart),
    footerStart,
    footerLengthAt: b.length - 10,
    schemaPos: fbDeref(b, footer(1)),
    dictionaries: footer(2) ? fbVector(b, footer(2)) : null,
    recordBatches: footer(3) ? fbVector(b, footer(3)) : null,
  };
}

/** Positions of the Field tables of a schema table, with their names. */
export function schemaFields(b, schemaPos) {
  const { start, length } = fbVector(b, fbTable(b, schemaPos)(1));
  return Array.from({ length }, (_, i) => {
    const pos = fbDeref(b, start + 4 * i);
    const f = fbTable(b, pos);
    const s = fbDeref(b, f(0));
    return { pos, field: f, name: b.toString('utf8', s + 4, s + 4 + b.readUInt32LE(s)) };
  });
}
