// The machine: its description line, how busy it is (waiting for quiet), the git revision.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { log, round, sleep } from './util.mjs';

export function machineLine(browserVersion) {
  let cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const field = (k) => info.match(new RegExp(`^${k}\\s*:\\s*(.*)$`, 'm'))?.[1]?.trim();
    const simd = ['avx512f', 'avx2'].find((f) =>
      new RegExp(`\\b${f}\\b`).test(field('flags') ?? ''),
    );
    cpu = `${field('model name') ?? cpu} (family ${field('cpu family')}, model ${field('model')}${simd ? `, ${simd}` : ''})`;
  } catch {
    /* not Linux */
  }
  const gib = (totalmem() / 2 ** 30).toFixed(0);
  return `${cpu}, ${cpus().length} cores, ${gib} GiB RAM, Node ${process.version}, Chromium ${browserVersion} (headless)`;
}

/** Busy share of all cores over `ms` (Linux /proc/stat), 0..1; null elsewhere. */
async function cpuBusy(ms = 1000) {
  const read = () => {
    const f = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const idle = f[3] + (f[4] ?? 0);
    return { idle, total: f.reduce((a, b) => a + b, 0) };
  };
  try {
    const a = read();
    await sleep(ms);
    const b = read();
    return b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : 0;
  } catch {
    return null;
  }
}

let quietMaxMs = 120_000;
/** --quiet-max-s: how long waitForQuiet waits at most. */
export const setQuietMax = (ms) => (quietMaxMs = ms);

/**
 * These machines are shared (other sessions run test suites on the same 2 cores): before a timed
 * step, wait (bounded) until the machine is quiet, and say how busy it was.
 */
export async function waitForQuiet(label) {
  const end = Date.now() + quietMaxMs;
  let busy = await cpuBusy();
  let calm = 0;
  while (busy !== null && Date.now() < end) {
    calm = busy < 0.2 ? calm + 1 : 0;
    if (calm >= 3) break;
    busy = await cpuBusy();
  }
  const load = round(loadavg()[0], 2);
  if (busy !== null && busy >= 0.2)
    log(
      `${label}: machine still busy (${(busy * 100).toFixed(0)}% CPU, load ${load}); measuring anyway`,
    );
  return { busy_before: busy === null ? null : round(busy, 2), load1: load };
}

export function gitRevision(cwd) {
  try {
    const rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'index.html'], { cwd })
      .toString()
      .trim();
    return dirty ? `${rev} + uncommitted changes` : rev;
  } catch {
    return 'unknown';
  }
}
