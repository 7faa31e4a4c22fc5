// Small helpers: summary statistics, rounding, sleeping, the log line.
export const stats = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return { median_ms: null, min_ms: null, max_ms: null };
  const med = (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
  return { median_ms: round(med), min_ms: round(s[0]), max_ms: round(s[s.length - 1]) };
};
export const round = (x, d = 1) => (x === null || x === undefined ? x : Number(x.toFixed(d)));
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
