// Parquet and CSV cases of the corpus: the base table written as Parquet by arrow-rs (parquet-wasm,
// snappy) and as CSV, then damaged; CSV edge cases (quotes, BOM, CRLF, ragged rows, 10,000
// columns, lists as JSON). Expectations follow from how each file was built.
import { gzipSync } from 'node:zlib';
import { tableToIPC } from 'apache-arrow';
import * as pw from 'parquet-wasm';
import { baseColumns, range, table } from './tables.mjs';

function parquetOf(t) {
  const props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.SNAPPY).build();
  return Buffer.from(pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(t, 'stream')), props));
}

const csvOf = (header, rows, eol = '\n') => [header, ...rows].join(eol) + eol;

export function formats({ save }) {
  const { columns, label, pred } = baseColumns();
  const base = parquetOf(table(columns));
  const rows40 = { expect: 'open', rows: 40, metrics: { v1: { accuracy: 0.75, evaluated: 40 } } };
  const error = (reason, note) => ({ expect: 'error', reason, note });
  save('pq-base.parquet', base, { ...rows40, note: 'the base table, Parquet by arrow-rs, snappy' });
  save('pq-no-rows.parquet', parquetOf(table(columns).slice(0, 0)), {
    expect: 'open',
    rows: 0,
    note: 'a PAR1 file with no row groups (its schema only)',
  });
  for (const at of [4, 100, Math.floor(base.length / 2), base.length - 40, base.length - 5]) {
    save(`pq-trunc-${at}.parquet`, base.subarray(0, at), error('truncated', `cut at byte ${at}`));
  }
  const hugeFooter = Buffer.from(base);
  hugeFooter.writeUInt32LE(0x7fffffff, base.length - 8);
  save('pq-footer-2g.parquet', hugeFooter, error('footer claims', 'footer length 2^31-1'));
  const pages = Buffer.from(base);
  pages.fill(0xff, 4, 68);
  save('pq-page-ff.parquet', pages, error('corrupt', 'first page header overwritten with 0xFF'));
  const footer = Buffer.from(base);
  const len = base.readUInt32LE(base.length - 8);
  footer.fill(0x00, base.length - 8 - len, base.length - 8 - len + 16);
  save('pq-footer-zero.parquet', footer, error('corrupt', 'first 16 bytes of the footer zeroed'));
  const garbage = Buffer.alloc(2000);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 2654435761) >>> 24;
  garbage.write('PAR1', 0);
  garbage.write('PAR1', garbage.length - 4);
  save('pq-garbage.parquet', garbage, error('Parquet', 'PAR1, 1992 pseudo-random bytes, PAR1'));

  const probs = (p) => JSON.stringify([0, 1, 2].map((c) => (c === p ? 0.8 : 0.1)));
  const lines = range(40).map(
    (i) => `${1000 + i},${label[i]},${pred[i]},"${probs(pred[i])}","row ${i}, ""quoted""\nline 2"`,
  );
  const csv = csvOf('id,label,pred_v1,probs_v1,note', lines);
  save('csv-quoted.csv', Buffer.from(csv), {
    ...rows40,
    columns: 5,
    note: 'quoted fields with commas, doubled quotes and newlines; probabilities as JSON arrays',
  });
  save(
    'csv-bom-crlf.csv',
    Buffer.from(
      '\ufeff' +
        csvOf(
          'id,label,pred_v1',
          lines.map((l) => l.split(',').slice(0, 3).join(',')),
          '\r\n',
        ),
    ),
    {
      ...rows40,
      columnNames: ['id', 'label', 'pred_v1'],
      note: 'UTF-8 BOM and CRLF line ends',
    },
  );
  save('csv.csv.gz', gzipSync(Buffer.from(csv), { level: 9 }), {
    ...rows40,
    note: 'the quoted CSV, gzipped',
  });
  const gz = gzipSync(Buffer.from(csv));
  save('csv-trunc.csv.gz', gz.subarray(0, gz.length >> 1), error('gzip', 'gzip cut in half'));
  save(
    'csv-ragged.csv',
    Buffer.from(csvOf('id,label,pred_v1', ['1,0,0', '2,1,1,7', '3,1,1'])),
    error('row 2 of the CSV has 4 fields', 'a row with more fields than the header'),
  );
  save(
    'csv-short-rows.csv',
    Buffer.from(csvOf('id,label,pred_v1,age', ['1,0,0', '2,1,1,30', '3,1,0'])),
    {
      expect: 'open',
      rows: 3,
      metrics: { v1: { accuracy: 2 / 3, evaluated: 3 } },
      note: 'rows with fewer fields than the header: the rest are null',
    },
  );
  save(
    'csv-open-quote.csv',
    Buffer.from('id,label\n1,"0\n2,1\n'),
    error('never closed', 'a quote never closed'),
  );
  const wide = range(10000).map((i) => `c${i}`);
  save(
    'csv-10k-columns.csv',
    Buffer.from(
      csvOf(wide.join(','), ['1'.concat(',1'.repeat(9999)), '0'.concat(',0'.repeat(9999))]),
    ),
    {
      expect: 'open',
      rows: 2,
      columns: 10000,
      note: '10,000 columns, 2 rows',
    },
  );
}
