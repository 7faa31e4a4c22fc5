#!/usr/bin/env node
// Slice finder recovery bench: seeded sets with planted regression slices (0.5–10% of rows,
// several effect sizes) and decoys (high churn, no net change); reports per setting the recall,
// how many planted slices rank in the top 3, precision@5 and decoys in the top 5, and writes the
// table into bench/RESULTS.md between the recovery markers.
//
//   npm run bench:recovery                     # 100k rows, 3 seeds per setting
//   npm run bench:recovery -- --rows=20000 --seeds=1 --no-write
//
// The engine is TypeScript: it is bundled for Node with Vite (SSR build) into bench/.tmp first.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench/.tmp/recovery');
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const rows = Number(args.rows ?? 100_000);
const seeds = Array.from({ length: Number(args.seeds ?? 3) }, (_, i) => 101 + i);
const SIZES = [0.005, 0.01, 0.02, 0.05, 0.1];
const EFFECTS = [0.05, 0.1, 0.2];

await build({
  root: ROOT,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: join(ROOT, 'bench/recovery/evaluate.ts'),
    outDir: OUT,
    emptyOutDir: true,
    rollupOptions: { output: { entryFileNames: 'evaluate.mjs' } },
  },
});
const { runSetting } = await import(pathToFileURL(join(OUT, 'evaluate.mjs')).href);

const pct = (x) => `${+(x * 100).toFixed(1)}%`;
const lines = [
  `| mode | planted size | net effect | recall | in top 3 | precision@5 | decoys in top 5 | search (mean) |`,
  `|---|---:|---:|---:|---:|---:|---:|---:|`,
];
for (const mode of ['regression', 'failure']) {
  for (const size of SIZES) {
    for (const effect of EFFECTS) {
      const r = runSetting({ mode, size, effect }, rows, seeds);
      const p5 = r.reported5 ? `${r.hits5}/${r.reported5}` : '– (none significant)';
      const line =
        `| ${mode} | ${pct(size)} | +${Math.round(effect * 100)} pts | ${r.recovered}/${r.planted} | ` +
        `${r.top3}/${r.planted} | ${p5} | ${r.decoysTop5} | ${Math.round(r.ms / r.runs)} ms |`;
      lines.push(line);
      console.log(line);
    }
  }
}

if (!args['no-write']) {
  const file = join(ROOT, 'bench/RESULTS.md');
  const text = readFileSync(file, 'utf8');
  const start = '<!-- recovery:start -->';
  const end = '<!-- recovery:end -->';
  const section = [
    start,
    `Run ${new Date().toISOString().slice(0, 16)}Z, ${rows.toLocaleString('en-US')} rows, seeds ${seeds.join(', ')} ` +
      `(two planted slices and two decoys per set, so ${seeds.length * 2} planted per row), minimum slice ` +
      `${Math.round(rows * 0.0025)} rows (0.25%), up to 3 conditions, 5 bins. Timings were taken while other ` +
      `agents shared the 2 cores: noisy.`,
    '',
    ...lines,
    end,
  ].join('\n');
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  const next =
    i >= 0 && j > i
      ? text.slice(0, i) + section + text.slice(j + end.length)
      : `${text.trimEnd()}\n\n## Slice finder recovery (\`npm run bench:recovery\`)\n\n${section}\n`;
  writeFileSync(file, next);
  console.log(`wrote ${file}`);
}
