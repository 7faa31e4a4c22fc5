import { scaleLinear } from 'd3';
import { BottomAxis, LEGEND_ROW, LeftAxis, Legend, legendLayout } from './axes';
import { GRID, MUTED, svgRoot } from './chartStyle';

export interface ReliabilitySeries {
  label: string;
  color: string;
  /** Per bin: mean predicted probability, observed frequency (NaN when empty), rows. */
  meanConfidence: number[];
  accuracy: number[];
  count: number[];
}

interface Props {
  title: string;
  series: ReliabilitySeries[];
  xLabel: string;
  yLabel: string;
  width?: number;
}

const M = { left: 58, right: 16, bottom: 44 };
const PLOT = 250;
const MARGINAL = 56;

/**
 * Reliability diagram: each version's bins as points joined by a line (x = mean predicted
 * probability, y = observed frequency), the diagonal = perfectly calibrated; below, how many rows
 * each bin holds, so a far-off point resting on ten rows is not over-read.
 */
export function ReliabilityChart({ title, series, xLabel, yLabel, width = 560 }: Props) {
  const legend = series.map((s) => ({ label: s.label, color: s.color }));
  const legendWidth = width - M.left - M.right;
  const top = 18 + legendLayout(legend, legendWidth).rows * LEGEND_ROW;
  const height = top + PLOT + 16 + MARGINAL + M.bottom;
  const x = scaleLinear()
    .domain([0, 1])
    .range([M.left, width - M.right]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([top + PLOT, top]);
  const bins = series[0]?.count.length ?? 0;
  const mTop = top + PLOT + 16;
  const shares = series.map((s) => {
    const n = s.count.reduce((a, b) => a + b, 0) || 1;
    return s.count.map((c) => c / n);
  });
  const topShare = Math.max(0.01, ...shares.flat());
  const my = scaleLinear()
    .domain([0, topShare])
    .range([mTop + MARGINAL, mTop]);
  const slot = bins > 0 ? (x(1) - x(0)) / bins : 0;
  const barW = series.length > 0 ? Math.max(1, (slot - 2) / series.length) : 0;
  return (
    <svg {...svgRoot(title, width, height)}>
      <title>{title}</title>
      <LeftAxis scale={y} at={M.left} span={[M.left, width - M.right]} label={yLabel} grid />
      <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} stroke={MUTED} strokeDasharray="4 3" />
      {series.map((s) => {
        const pts = s.meanConfidence
          .map((c, b) => [c, s.accuracy[b]!, s.count[b]!] as const)
          .filter(([c, a, n]) => n > 0 && c === c && a === a);
        const d = pts.map(([c, a], k) => `${k ? 'L' : 'M'}${x(c)},${y(a)}`).join('');
        return (
          <g key={s.label}>
            <path d={d} fill="none" stroke={s.color} strokeWidth={2} />
            {pts.map(([c, a], k) => (
              <circle key={k} cx={x(c)} cy={y(a)} r={3} fill={s.color} />
            ))}
          </g>
        );
      })}
      <line
        x1={M.left}
        x2={width - M.right}
        y1={mTop + MARGINAL}
        y2={mTop + MARGINAL}
        stroke={GRID}
      />
      <text x={M.left - 7} y={mTop + 8} textAnchor="end" fill={MUTED}>
        rows
      </text>
      {series.map((s, k) =>
        shares[k]!.map((share, b) =>
          share > 0 ? (
            <rect
              key={`${s.label}-${b}`}
              x={x(0) + b * slot + 1 + k * barW}
              y={my(share)}
              width={barW}
              height={mTop + MARGINAL - my(share)}
              fill={s.color}
              fillOpacity={0.7}
            />
          ) : null,
        ),
      )}
      <BottomAxis scale={x} at={mTop + MARGINAL} span={[top, mTop + MARGINAL]} label={xLabel} />
      <Legend items={legend} x={M.left} y={12} maxWidth={legendWidth} />
    </svg>
  );
}
