// Charts draw with presentation attributes, not CSS classes, so a chart serialized on its own
// (SVG/PNG download, the HTML report) looks the same as on screen.

/** One colour per model version, in version order (colour-blind-safe Tableau 10 subset). */
export const VERSION_COLORS = ['#4e79a7', '#e15759', '#59a14f', '#b07aa1', '#f28e2b', '#76b7b2'];

export function versionColor(i: number): string {
  return VERSION_COLORS[i % VERSION_COLORS.length]!;
}

export const INK = '#1d2330';
export const MUTED = '#5b6475';
export const GRID = '#e3e6ec';
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Root attributes every chart's <svg> carries. */
export function svgRoot(title: string, width: number, height: number) {
  return {
    xmlns: 'http://www.w3.org/2000/svg',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': title,
    'data-chart': title,
    fontFamily: FONT,
    fontSize: 11,
    fill: INK,
    style: { maxWidth: '100%', height: 'auto', background: '#fff' },
  } as const;
}
