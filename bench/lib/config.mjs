// Paths, ports, the browser and per-size timeouts shared by the bench modules.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../../scripts/ensure-chromium.mjs';

export const BENCH = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(BENCH);
export const DATA = join(BENCH, 'data');
export const RESULTS_JSON = join(BENCH, 'results.json');
export const RESULTS_MD = join(BENCH, 'RESULTS.md');
export const PAGE_CONFIG = join(BENCH, 'vite.config.ts');
export const APP_DIST = join(DATA, 'app-dist');
export const PROFILE_DIST = join(DATA, 'app-dist-unminified');
// BENCH_PORT (default 4281) and the next two ports. Not 4190: it is on the Fetch standard's "bad
// ports" list (ManageSieve), which Chromium and Node's fetch refuse.
export const BASE_PORT = Number(process.env.BENCH_PORT || 4281);
export const APP_PORT = BASE_PORT;
export const PAGE_PORT = BASE_PORT + 1;
export const PROFILE_PORT = BASE_PORT + 2;
export const CHROMIUM = findChromium() ?? '/usr/bin/chromium';

export const OPEN_TIMEOUT = { '100k': 60_000, '1m': 180_000, '10m': 420_000 };

// The scripted session's long-tasks entry (its `session`; the table names it apart).
export const SESSION_LABEL = 'scripted session: cohort edits, scrolling, panning';
