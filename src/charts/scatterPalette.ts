import { interpolateViridis, schemeTableau10 } from 'd3';
import { MISSING, OTHER, type Ramp } from '../protocol';

const CATEGORICAL = [...schemeTableau10, '#17becf', '#8c564b'];
const FIXED: Partial<Record<Ramp, string[]>> = {
  outcome: ['#2f9e44', '#e03131'],
  flip: ['#bdbdbd', '#e03131', '#2f9e44', '#f59f00'],
  cohort: ['#1c7ed6', '#ced4da'],
};

/** The 16 colours (CSS hex) the codes 0–15 of a ramp map to; `bins` = used codes of a ramp. */
export function paletteFor(ramp: Ramp, bins: number): string[] {
  const out = new Array<string>(16).fill('#9a9a9a');
  if (ramp === 'sequential') {
    for (let b = 0; b < bins; b++) out[b] = interpolateViridis(bins > 1 ? b / (bins - 1) : 0.5);
  } else {
    (FIXED[ramp] ?? CATEGORICAL).forEach((c, i) => (out[i] = c));
  }
  out[OTHER] = '#8a8a8a';
  out[MISSING] = '#d9d9d9';
  return out;
}

/** "#rrggbb" → [r, g, b] in 0–1, for the palette uniform. */
export function rgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1, 7), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}
