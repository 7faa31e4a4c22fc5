// --profile: one open per size in the unminified build with the CPU profiler on, written out.
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DATA, OPEN_TIMEOUT, ROOT } from '../config.mjs';
import { log } from '../util.mjs';
import { openOnce } from './once.mjs';

/** Writes bench/data/profile-open-<size>.json (summary) and the raw .cpuprofile files. */
export async function profileOpens(browser, url, sizes) {
  for (const size of sizes) {
    try {
      const r = await openOnce(browser, url, size, {
        timeoutMs: OPEN_TIMEOUT[size],
        profile: true,
      });
      const file = join(DATA, `profile-open-${size}.json`);
      writeFileSync(file, JSON.stringify({ ms: r.ms, phases: r.phases, ...r.profiles }, null, 2));
      for (const [where, raw] of Object.entries(r.rawProfiles ?? {}))
        writeFileSync(join(DATA, `profile-open-${size}-${where}.cpuprofile`), JSON.stringify(raw));
      log(
        `profile of open ${size} (unminified build, profiler on: ${r.ms.toFixed(0)} ms) → ${relative(ROOT, file)}`,
      );
      for (const [where, p] of Object.entries(r.profiles ?? {})) {
        log(`  ${where}: ${p.total_ms} ms sampled; inclusive:`);
        for (const f of p.inclusive.slice(0, 12))
          log(`    ${String(f.ms).padStart(7)} ms  ${f.fn}`);
        log(`  ${where}: self:`);
        for (const f of p.self.slice(0, 10)) log(`    ${String(f.ms).padStart(7)} ms  ${f.fn}`);
      }
    } catch (err) {
      log(`profile of open ${size} failed: ${err instanceof Error ? err.message : err}`);
    }
  }
}
