import { type CompareSettings, parseCompare } from './urlState';

const KEY = (fp: string) => `workbench:compare:${fp}`;

/** Baseline, thresholds and release rules, stored per dataset as they change. */
export function loadCompare(fingerprint: string): CompareSettings | null {
  try {
    return parseCompare(JSON.parse(localStorage.getItem(KEY(fingerprint)) ?? 'null'));
  } catch {
    return null;
  }
}

export function saveCompare(fingerprint: string, s: CompareSettings): void {
  try {
    localStorage.setItem(KEY(fingerprint), JSON.stringify(s));
  } catch {
    // Storage full or disabled: the URL still carries the settings.
  }
}
