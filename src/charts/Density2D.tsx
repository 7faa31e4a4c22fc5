import { interpolateYlGnBu, scaleLinear, scaleSequentialLog } from 'd3';
import { BottomAxis, LeftAxis } from './axes';
import { MUTED, svgRoot } from './chartStyle';
import { formatCount } from '../shared/numberFormat';

interface Line {
  /** A vertical line at x (x axis threshold) or a horizontal one at y. */
  axis: 'x' | 'y';
  value: number;
  label: string;
  color: string;
}

interface Props {
  title: string;
  /** Shared by both axes. */
  edges: number[];
  /** bins × bins, row-major: row = x bin, column = y bin. */
  counts: number[];
  xLabel: string;
  yLabel: string;
  lines?: Line[];
  size?: number;
}

const M = { left: 58, right: 96, top: 16, bottom: 44 };

/**
 * A 2-D histogram as a heat map with a log colour scale (a few hundred rows in the crowded
 * cells and single rows in the tails are both visible); the diagonal marks "same score".
 */
export function Density2D({ title, edges, counts, xLabel, yLabel, lines = [], size = 340 }: Props) {
  const bins = edges.length - 1;
  const lo = edges[0] ?? 0;
  const hi = edges[bins] ?? 1;
  const plot = size - M.top - M.bottom;
  const width = M.left + plot + M.right;
  const x = scaleLinear()
    .domain([lo, hi])
    .range([M.left, M.left + plot]);
  const y = scaleLinear()
    .domain([lo, hi])
    .range([M.top + plot, M.top]);
  const top = Math.max(1, ...counts);
  const colour = scaleSequentialLog(interpolateYlGnBu).domain([1, Math.max(2, top)]);
  const cells = [];
  for (let i = 0; i < bins; i++) {
    for (let j = 0; j < bins; j++) {
      const c = counts[i * bins + j]!;
      if (c === 0) continue;
      const x0 = x(edges[i]!);
      const y1 = y(edges[j + 1]!);
      cells.push(
        <rect
          key={i * bins + j}
          x={x0}
          y={y1}
          width={x(edges[i + 1]!) - x0 + 0.3}
          height={y(edges[j]!) - y1 + 0.3}
          fill={colour(c)}
        />,
      );
    }
  }
  const legendTicks = [1, 10, 100, 1000, 10000, 100000].filter((t) => t <= top);
  const barX = M.left + plot + 22;
  const barY = (v: number) => M.top + plot - (plot * Math.log(v)) / Math.log(Math.max(2, top));
  return (
    <svg {...svgRoot(title, width, size)}>
      <title>{title}</title>
      <rect x={M.left} y={M.top} width={plot} height={plot} fill="#fafbfc" stroke="#dde1e8" />
      {cells}
      <line x1={x(lo)} y1={y(lo)} x2={x(hi)} y2={y(hi)} stroke={MUTED} strokeDasharray="3 3" />
      {lines
        .filter((l) => l.value >= lo && l.value <= hi)
        .map((l) =>
          l.axis === 'x' ? (
            <g key={l.label}>
              <line
                x1={x(l.value)}
                x2={x(l.value)}
                y1={M.top}
                y2={M.top + plot}
                stroke={l.color}
                strokeWidth={1.5}
              />
              <text x={x(l.value) + 4} y={M.top + 12} fill={l.color}>
                {l.label}
              </text>
            </g>
          ) : (
            <g key={l.label}>
              <line
                x1={M.left}
                x2={M.left + plot}
                y1={y(l.value)}
                y2={y(l.value)}
                stroke={l.color}
                strokeWidth={1.5}
              />
              <text x={M.left + plot - 4} y={y(l.value) - 4} textAnchor="end" fill={l.color}>
                {l.label}
              </text>
            </g>
          ),
        )}
      <LeftAxis scale={y} at={M.left} span={[M.left, M.left + plot]} label={yLabel} />
      <BottomAxis scale={x} at={M.top + plot} span={[M.top, M.top + plot]} label={xLabel} />
      <g>
        {Array.from({ length: 24 }, (_, k) => {
          const v0 = Math.exp((k / 24) * Math.log(Math.max(2, top)));
          const v1 = Math.exp(((k + 1) / 24) * Math.log(Math.max(2, top)));
          return (
            <rect
              key={k}
              x={barX}
              y={barY(v1)}
              width={12}
              height={barY(v0) - barY(v1) + 0.5}
              fill={colour(v0)}
            />
          );
        })}
        {legendTicks.map((t) => (
          <text key={t} x={barX + 16} y={barY(t)} dy="0.32em" fill={MUTED}>
            {formatCount(t)}
          </text>
        ))}
        <text x={barX} y={M.top + plot + 16} fill={MUTED}>
          rows (log)
        </text>
      </g>
    </svg>
  );
}
