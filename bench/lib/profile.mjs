// CPU profiles: a summary (self and inclusive time per function) and main-thread profiling.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA } from './config.mjs';
import { log, round } from './util.mjs';

/** Self and inclusive time per function from a CDP CPU profile. */
export function summarizeProfile(profile, top = 30) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0) / 1000));
  const key = (n) => {
    const f = n.callFrame;
    const file = f.url ? f.url.split('/').pop().split('?')[0] : '';
    return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
  };
  const selfBy = new Map();
  const inclBy = new Map();
  const walk = (id, stack) => {
    const n = byId.get(id);
    let total = self.get(id) ?? 0;
    const k = key(n);
    const nextStack = new Set(stack).add(k);
    for (const c of n.children ?? []) total += walk(c, nextStack);
    selfBy.set(k, (selfBy.get(k) ?? 0) + (self.get(id) ?? 0));
    if (!stack.has(k)) inclBy.set(k, (inclBy.get(k) ?? 0) + total);
    return total;
  };
  const rootTotal = walk(profile.nodes[0].id, new Set());
  const list = (m) =>
    [...m.entries()]
      .filter(([k]) => !/^\((root|program|idle)\)/.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => ({ fn: k, ms: round(ms, 0) }));
  return { total_ms: round(rootTotal, 0), self: list(selfBy), inclusive: list(inclBy) };
}

/** With --profile: a main-thread CPU profile around one part of the session. */
export async function profileMain(page, on, what, size) {
  if (!on) return async () => {};
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const sum = summarizeProfile(profile, 25);
    writeFileSync(join(DATA, `profile-${what}-${size}.json`), JSON.stringify(sum, null, 2));
    writeFileSync(join(DATA, `profile-${what}-${size}-main.cpuprofile`), JSON.stringify(profile));
    log(`  profile ${what} ${size} (main): ${sum.total_ms} ms sampled; self:`);
    for (const f of sum.self.slice(0, 8)) log(`    ${String(f.ms).padStart(7)} ms  ${f.fn}`);
    await cdp.detach().catch(() => {});
  };
}
