// Damaged bytes: truncations, bit flips, wrong magic, absurd lengths, random bytes, other formats.
import { CompressionType, tableToIPC } from 'apache-arrow';
import { baseColumns, dict8, int32, range, table } from './tables.mjs';
import { fbDeref, fbTable, fileLayout, messages, schemaFields } from './ipc.mjs';

const TRUNCATED = 'truncated';
const half = (m, part) => m[`${part}Start`] + Math.floor(m[`${part}Length`] / 2);

/** 21 cut points, each inside a named structure of a file or a stream. */
function truncations({ save, base }) {
  const file = base.file;
  const L = fileLayout(file);
  const [dict, batch] = L.messages;
  const cuts = [
    ['01-in-magic', 1, 'stops inside the magic'],
    ['02-magic-only', 6, 'the magic and nothing else'],
    ['03-after-magic', 8, 'magic and padding, no messages'],
    ['04-in-dictionary-metadata', half(dict, 'meta'), 'inside the dictionary batch metadata'],
    ['05-in-dictionary-body', half(dict, 'body'), 'inside the dictionary batch body'],
    ['06-in-batch-metadata', half(batch, 'meta'), 'inside the record batch metadata'],
    ['07-in-batch-body', half(batch, 'body'), 'inside the record batch body'],
    ['08-before-footer', L.footerStart, 'every message, no footer'],
    ['09-in-footer-schema', L.schemaPos + 8, 'inside the schema in the footer'],
    ['10-in-footer-blocks', L.recordBatches.start + 4, 'inside the footer block list'],
    ['11-in-footer-length', file.length - 8, 'inside the footer length'],
    ['12-in-end-magic', file.length - 3, 'inside the closing magic'],
  ];
  for (const [name, at, what] of cuts) {
    save(`trunc-file-${name}.arrow`, file.subarray(0, at), {
      expect: 'error',
      reason: name === '01-in-magic' ? 'truncated' : 'truncated or corrupt',
      note: `base.arrow (${file.length} B) cut at byte ${at}: ${what}`,
    });
  }
  const stream = base.stream;
  const [schema, sdict, sbatch] = messages(stream, 0);
  const streamCuts = [
    ['13-in-continuation', 2, 'inside the first continuation marker', 'error'],
    ['14-in-schema', half(schema, 'meta'), 'inside the schema message', 'error'],
    ['15-after-schema', schema.end, 'right after the schema (a message boundary)', 0],
    ['16-in-dictionary-body', half(sdict, 'body'), 'inside the dictionary batch body', 'error'],
    ['17-after-dictionary', sdict.end, 'right after the dictionary batch (a boundary)', 0],
    ['18-in-batch-metadata', half(sbatch, 'meta'), 'inside the record batch metadata', 'error'],
    ['19-in-batch-body', half(sbatch, 'body'), 'inside the record batch body', 'error'],
    ['20-in-end-marker', stream.length - 4, 'inside the end-of-stream marker', 'error'],
  ];
  for (const [name, at, what, outcome] of streamCuts) {
    const note = `base.arrows (${stream.length} B) cut at byte ${at}: ${what}`;
    if (outcome === 'error') {
      save(`trunc-stream-${name}.arrows`, stream.subarray(0, at), {
        expect: 'error',
        reason: name.startsWith('13') ? 'not Arrow IPC|truncated' : 'truncated or corrupt',
        note,
      });
    } else {
      // The end-of-stream marker is optional (Arrow spec): a stream cut at a message boundary is
      // a valid stream of the messages before the cut.
      save(`trunc-stream-${name}.arrows`, stream.subarray(0, at), {
        expect: 'open',
        rows: outcome,
        note: `${note}; a valid stream (its end marker is optional) with no batches`,
      });
    }
  }
  const lz4 = base.lz4Stream;
  const [, , lbatch] = messages(lz4, 0);
  save('trunc-stream-21-in-lz4-body.arrows', lz4.subarray(0, half(lbatch, 'body')), {
    expect: 'error',
    reason: TRUNCATED,
    note: 'base-lz4.arrows cut inside the compressed record batch body',
  });
}

function patched(bytes, edit) {
  const b = Buffer.from(bytes);
  edit(b);
  return b;
}

/** Bit flips in headers (metadata, footer) and in buffers (values, offsets, indices). */
function flips({ save, base }) {
  const stream = base.stream;
  const [, sdict, sbatch] = messages(stream, 0);
  const file = base.file;
  const L = fileLayout(file);
  const batch = L.messages[1];
  const bufferAt = (m, k) => {
    const at = m.buffers.start + 16 * k;
    return { offset: Number(file.readBigInt64LE(at)), length: Number(file.readBigInt64LE(at + 8)) };
  };
  // Buffers in order: id 0-1 (validity, values), label 2-3, pred_v1 4-5, probs_v1 6-8 (validity;
  // child validity, values), country 9-10 (validity, indices), name 11-13 (validity, offsets,
  // data), age 14-15 (validity, values).
  const flip = (at, bit) => (b) => (b[at] ^= 1 << bit);
  const cases = [
    [
      'continuation',
      stream,
      flip(sdict.start, 0),
      'error',
      'the continuation marker of the dictionary batch (0xFFFFFFFF → 0xFEFFFFFF)',
    ],
    [
      'node-length',
      stream,
      flip(sbatch.nodes.start + 16 + 3, 6),
      'error',
      'bit 30 of the label column\u2019s node length (40 → 2^30 + 40 rows)',
    ],
    [
      'batch-length',
      stream,
      flip(sbatch.lengthAt + 3, 6),
      'error',
      'bit 30 of the record batch length',
    ],
    [
      'int-bitwidth',
      file,
      (b) => {
        const label = schemaFields(b, L.schemaPos).find((f) => f.name === 'label');
        const intType = fbTable(b, fbDeref(b, label.field(3)));
        b[intType(0)] ^= 8; // bitWidth 32 → 40
      },
      'error',
      'the bit width of the label\u2019s Int type in the footer schema (32 → 40)',
    ],
    [
      'label-value',
      file,
      flip(batch.bodyStart + bufferAt(batch, 3).offset + 4 * 5, 0),
      40,
      'bit 0 of the label of row 5: opens; Arrow has no checksums, so the value changes',
    ],
    [
      'string-offset',
      file,
      flip(batch.bodyStart + bufferAt(batch, 12).offset + 4 * 7 + 3, 6),
      'error',
      'bit 30 of the 8th offset of the "name" strings',
    ],
    [
      'dictionary-index',
      file,
      flip(batch.bodyStart + bufferAt(batch, 10).offset + 6, 6),
      'error',
      'bit 6 of the country dictionary index of row 6 (points past the 3 entries)',
    ],
    [
      'validity-bit',
      file,
      flip(batch.bodyStart + bufferAt(batch, 14).offset, 3),
      40,
      'bit 3 of the "age" validity bitmap: opens; a null becomes a value (no checksums)',
    ],
  ];
  for (const [name, bytes, edit, outcome, what] of cases) {
    const ext = bytes === stream ? 'arrows' : 'arrow';
    const note = `${bytes === stream ? 'base.arrows' : 'base.arrow'} with a flipped bit: ${what}`;
    save(
      `flip-${name}.${ext}`,
      patched(bytes, edit),
      outcome === 'error'
        ? { expect: 'error', reason: 'truncated or corrupt|corrupt', note }
        : { expect: 'open', rows: outcome, note },
    );
  }
  const lz4 = base.lz4Stream;
  const [, , lb] = messages(lz4, 0);
  const firstFrame = lz4.indexOf(Buffer.from([0x04, 0x22, 0x4d, 0x18]), lb.bodyStart);
  save('flip-lz4-block-size.arrows', patched(lz4, flip(firstFrame + 7 + 2, 4)), {
    expect: 'error',
    reason: 'compressed buffer does not decode.*LZ4',
    note: 'base-lz4.arrows: bit 20 of the first block size word of the first LZ4 frame in the record batch',
  });
  const zstd = base.zstdStream;
  const zframe = zstd.indexOf(
    Buffer.from([0x28, 0xb5, 0x2f, 0xfd]),
    messages(zstd, 0)[1].bodyStart,
  );
  save(
    'flip-zstd-content-size.arrows',
    patched(zstd, (b) => {
      b.writeUInt32LE(0xffffffff, zframe + 5); // frame content size: 4 GiB
      b.writeBigInt64LE(0x7fffffffn, zframe - 8); // and the arrow length prefix: 2^31 - 1
    }),
    {
      expect: 'error',
      reason: 'zstd frame declares 4294967295 bytes',
      note: 'base-zstd.arrows: first ZSTD frame declares a 4 GiB content size and its arrow length prefix 2^31-1; must be refused before allocating',
    },
  );
}

/** Length fields patched to absurd values (2^31 - 1, negative, past the end). */
function lengths({ save, base }) {
  const stream = base.stream;
  const [schema, , sbatch] = messages(stream, 0);
  const file = base.file;
  const L = fileLayout(file);
  const [fdict, fbatch] = L.messages;
  const MAX = 0x7fffffff;
  const cases = [
    [
      'schema-metadata-max',
      stream,
      (b) => b.writeInt32LE(MAX, schema.start + 4),
      'the schema message\u2019s metadata length = 2^31-1',
    ],
    [
      'schema-metadata-negative',
      stream,
      (b) => b.writeInt32LE(-5, schema.start + 4),
      'the schema message\u2019s metadata length = -5',
    ],
    [
      'footer-length-max',
      file,
      (b) => b.writeInt32LE(MAX, L.footerLengthAt),
      'the footer length = 2^31-1',
    ],
    [
      'footer-length-negative',
      file,
      (b) => b.writeInt32LE(-1, L.footerLengthAt),
      'the footer length = -1',
    ],
    [
      'body-length-max',
      file,
      (b) => b.writeBigInt64LE(BigInt(MAX), fbatch.bodyLengthAt),
      'the record batch body length = 2^31-1',
    ],
    [
      'buffer-length-max',
      file,
      (b) => b.writeBigInt64LE(BigInt(MAX), fbatch.buffers.start + 16 * 3 + 8),
      'the label values buffer length = 2^31-1',
    ],
    [
      'buffer-offset-negative',
      file,
      (b) => b.writeBigInt64LE(-8n, fbatch.buffers.start + 16 * 3),
      'the label values buffer offset = -8',
    ],
    [
      'node-length-max',
      stream,
      (b) => b.writeBigInt64LE(BigInt(MAX), sbatch.nodes.start + 16),
      'the label column\u2019s node length = 2^31-1 rows',
    ],
    [
      'node-nulls-over-length',
      stream,
      (b) => b.writeBigInt64LE(1000n, sbatch.nodes.start + 16 + 8),
      'the label column\u2019s null count = 1000 (of 40 rows)',
    ],
    [
      'batch-length-max',
      stream,
      (b) => b.writeBigInt64LE(BigInt(MAX), sbatch.lengthAt),
      'the record batch length = 2^31-1 rows',
    ],
    [
      'nodes-count-max',
      stream,
      (b) => b.writeUInt32LE(MAX, sbatch.nodes.lengthAt),
      'the record batch\u2019s field-node vector length = 2^31-1',
    ],
    [
      'fields-count-max',
      stream,
      (b) => {
        const s = fbTable(b, schema.header);
        const v = fbDeref(b, s(1));
        b.writeUInt32LE(MAX, v);
      },
      'the schema\u2019s field vector length = 2^31-1',
    ],
    [
      'footer-batch-to-dictionary',
      file,
      (b) => b.writeBigInt64LE(BigInt(fdict.start), L.recordBatches.start),
      'the footer\u2019s record batch entry points at the dictionary batch (arrow-js 21.2 loops forever on this)',
    ],
    [
      'footer-batch-offset-max',
      file,
      (b) => b.writeBigInt64LE(2n ** 40n, L.recordBatches.start),
      'the footer\u2019s record batch offset = 2^40',
    ],
  ];
  for (const [name, bytes, edit, what] of cases) {
    const ext = bytes === stream ? 'arrows' : 'arrow';
    save(`length-${name}.${ext}`, patched(bytes, edit), {
      expect: 'error',
      reason: 'truncated or corrupt|corrupt',
      note: `${bytes === stream ? 'base.arrows' : 'base.arrow'}: ${what}`,
    });
  }
  // Dictionary ids of 0 are not stored (flatbuffer default): patch the second dictionary (id 1).
  const twoDicts = Buffer.from(
    tableToIPC(table({ id: int32([1, 2]), a: dict8(['x', 'y']), b: dict8(['p', 'q']) }), 'stream'),
  );
  const second = messages(twoDicts, 0).filter((m) => m.type === 'dictionary')[1];
  save(
    'length-dictionary-id.arrows',
    patched(twoDicts, (b) => b.writeBigInt64LE(7n, second.dictIdAt)),
    {
      expect: 'error',
      reason: 'dictionary batch has id 7, which no column uses',
      note: 'a 2-row stream with two dictionary columns: the second dictionary batch\u2019s id patched from 1 to 7',
    },
  );
  // A damaged compression length prefix is only a sizing hint: the data still decodes exactly.
  const lz4 = base.lz4Stream;
  const lb = messages(lz4, 0)[2];
  save(
    'length-lz4-prefix-max.arrows',
    patched(lz4, (b) => {
      for (let k = 0; k < lb.buffers.length; k++) {
        const offset = Number(b.readBigInt64LE(lb.buffers.start + 16 * k));
        const len = Number(b.readBigInt64LE(lb.buffers.start + 16 * k + 8));
        const at = lb.bodyStart + offset;
        if (len >= 8 && b.readBigInt64LE(at) !== -1n) b.writeBigInt64LE(BigInt(MAX), at);
      }
    }),
    {
      expect: 'open',
      rows: 40,
      metrics: { v1: { accuracy: 0.75, evaluated: 40 } },
      note: 'base-lz4.arrows with every compressed buffer\u2019s uncompressed-length prefix = 2^31-1: ignored as implausible (no 2 GiB allocation); values decode exactly',
    },
  );
}

function magic({ save, base, rng }) {
  const random = (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(rng() * 256)));
  const notArrow = 'not Arrow IPC';
  save(
    'magic-arrow2.arrow',
    patched(base.file, (b) => b.write('ARROW2', 0)),
    {
      expect: 'error',
      reason: notArrow,
      note: 'base.arrow starting with "ARROW2"',
    },
  );
  save(
    'magic-end-lowercase.arrow',
    patched(base.file, (b) => b.write('arrow1', b.length - 6)),
    {
      expect: 'error',
      reason: 'truncated or corrupt',
      note: 'base.arrow ending with "arrow1"',
    },
  );
  save(
    'magic-stream-zeroed.arrows',
    patched(base.stream, (b) => b.fill(0, 0, 8)),
    {
      expect: 'error',
      reason: 'not Arrow IPC|before its schema',
      note: 'base.arrows with its first 8 bytes zeroed (an end marker before the schema)',
    },
  );
  save(
    'magic-feather-v1.arrow',
    Buffer.concat([Buffer.from('FEA1'), random(200), Buffer.from('FEA1')]),
    {
      expect: 'error',
      reason: 'Feather',
      note: 'Feather v1 magic (pre-2017 format) framing random bytes',
    },
  );
  save('random-1k.arrow', random(1024), {
    expect: 'error',
    reason: notArrow,
    note: '1024 seeded random bytes',
  });
  save('random-after-file-magic.arrow', Buffer.concat([Buffer.from('ARROW1\0\0'), random(1000)]), {
    expect: 'error',
    reason: 'truncated or corrupt',
    note: '"ARROW1" + padding, then 1000 random bytes',
  });
  save(
    'random-between-magics.arrow',
    Buffer.concat([Buffer.from('ARROW1\0\0'), random(1000), Buffer.from('ARROW1')]),
    {
      expect: 'error',
      reason: 'truncated or corrupt',
      note: 'random bytes between an opening and a closing "ARROW1"',
    },
  );
  save(
    'random-after-continuation.arrows',
    Buffer.concat([Buffer.from([255, 255, 255, 255]), random(1000)]),
    {
      expect: 'error',
      reason: 'truncated or corrupt',
      note: 'a continuation marker, then 1000 random bytes',
    },
  );
}

function otherFormats({ save, parquet }) {
  const text = (name, s, reason, note) =>
    save(name, Buffer.from(s), { expect: 'error', reason, note });
  // The format comes from the bytes, not the name: CSV named .arrow opens as CSV.
  const csv = (name, s, rows, note) => save(name, Buffer.from(s), { expect: 'open', rows, note });
  csv('csv.arrow', 'id,label,pred_v1\n1,0,0\n2,1,0\n3,1,1\n', 3, 'CSV text');
  csv('csv-bom.arrow', '\ufeffid,label\n1,0\n2,1\n', 2, 'CSV text with a UTF-8 byte-order mark');
  csv('tsv.arrow', 'id\tlabel\n1\t0\n2\t1\n', 2, 'tab-separated text');
  text('json.arrow', '[{"id": 1, "label": 0}, {"id": 2, "label": 1}]\n', 'JSON', 'a JSON array');
  text(
    'ndjson.arrow',
    '{"id": 1, "label": 0}\n{"id": 2, "label": 1}\n',
    'JSON',
    'newline-delimited JSON',
  );
  text(
    'json-unicode.arrow',
    '{"名前": "値", "ラベル": [1, 2]}',
    'JSON',
    'JSON with non-ASCII keys',
  );
  text(
    'html.arrow',
    '<!doctype html><html><body><h1>404 Not Found</h1></body></html>',
    'HTML',
    'an HTML page (a URL that returned an error page)',
  );
  text('whitespace.arrow', '\n\n   \n', 'text file', 'only whitespace');
  save('empty.arrow', Buffer.alloc(0), { expect: 'error', reason: 'empty', note: '0 bytes' });
  save('gzip.arrow', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4]), {
    expect: 'error',
    reason: 'gzip',
    note: 'gzip magic and a few bytes',
  });
  save('zip.arrow', Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 0, 0, 8, 0]), {
    expect: 'error',
    reason: 'zip',
    note: 'zip magic and a few bytes',
  });
  save(
    'parquet.arrow',
    Buffer.concat([parquet.subarray(0, 256), parquet.subarray(parquet.length - 256)]),
    {
      expect: 'error',
      reason: 'Parquet',
      note: 'the first 256 and last 256 bytes of node_modules/vega-datasets/data/flights-3m.parquet (real PAR1 framing, not a readable Parquet file)',
    },
  );
}

export function damaged(ctx) {
  truncations(ctx);
  flips(ctx);
  lengths(ctx);
  magic(ctx);
  otherFormats(ctx);
}

/** The base table in every format the damaged files start from. */
export function baseFiles(writeCompressed) {
  const { columns } = baseColumns();
  const t = table(columns);
  const zeros = table({ ...columns, zero: int32(range(40).map(() => 0)) });
  return {
    table: t,
    file: Buffer.from(tableToIPC(t, 'file')),
    stream: Buffer.from(tableToIPC(t, 'stream')),
    lz4Stream: writeCompressed(t, CompressionType.LZ4_FRAME),
    zstdStream: writeCompressed(zeros, CompressionType.ZSTD),
  };
}
