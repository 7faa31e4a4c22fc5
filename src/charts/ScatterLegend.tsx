import type { PointColors } from '../protocol';
import { formatCount } from '../ui/format';

/** The colour key with the number of points of each colour. */
export function ScatterLegend({ colors, palette }: { colors: PointColors; palette: string[] }) {
  return (
    <figure className="scatter-legend">
      <figcaption>{colors.title}</figcaption>
      <ul aria-label={`Legend: ${colors.title}`}>
        {colors.legend.map((e) => (
          <li key={e.code}>
            <span className="swatch" style={{ background: palette[e.code] }} aria-hidden="true" />
            <span className="legend-label">{e.label}</span>
            <span className="legend-count">{formatCount(e.count)}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
