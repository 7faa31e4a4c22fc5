import { max, scaleLinear } from 'd3';
import { BottomAxis, LEGEND_ROW, LeftAxis, Legend, type LegendItem, legendLayout } from './axes';
import { svgRoot } from './chartStyle';

export interface OverlaySeries {
  label: string;
  color: string;
  /** One value per bin (e.g. the share of the series' rows in that bin). */
  values: number[];
  dashed?: boolean;
}

export interface Marker {
  value: number;
  label: string;
  color: string;
}

interface Props {
  title: string;
  edges: number[];
  series: OverlaySeries[];
  xLabel: string;
  yLabel: string;
  yFormat?: (v: number) => string;
  /** Vertical lines, e.g. each version's threshold. */
  markers?: Marker[];
  width?: number;
  height?: number;
}

const M = { left: 58, right: 16, bottom: 44 };

/** Step outline of a histogram: flat across each bin, vertical between bins. */
function stepPath(
  edges: number[],
  values: number[],
  x: (v: number) => number,
  y: (v: number) => number,
) {
  let d = `M${x(edges[0]!)},${y(0)}`;
  values.forEach((v, b) => {
    d += `L${x(edges[b]!)},${y(v)}L${x(edges[b + 1]!)},${y(v)}`;
  });
  return `${d}L${x(edges[edges.length - 1]!)},${y(0)}`;
}

/** Several histograms on shared bins, drawn as outlines so every one stays visible. */
export function HistogramOverlay({
  title,
  edges,
  series,
  xLabel,
  yLabel,
  yFormat,
  markers = [],
  width = 560,
  height = 280,
}: Props) {
  const legend: LegendItem[] = series.map((s) => ({
    label: s.label,
    color: s.color,
    dashed: s.dashed,
  }));
  const legendWidth = width - M.left - M.right;
  // The plot starts below however many rows the legend wraps into.
  const top = 18 + legendLayout(legend, legendWidth).rows * LEGEND_ROW;
  const lo = edges[0] ?? 0;
  const hi = edges[edges.length - 1] ?? 1;
  const x = scaleLinear()
    .domain([lo, hi])
    .range([M.left, width - M.right]);
  const peak = max(series.flatMap((s) => s.values)) ?? 0;
  const y = scaleLinear()
    .domain([0, peak > 0 ? peak * 1.08 : 1])
    .range([height - M.bottom, top])
    .nice();
  return (
    <svg {...svgRoot(title, width, height)}>
      <title>{title}</title>
      <LeftAxis
        scale={y}
        at={M.left}
        span={[M.left, width - M.right]}
        label={yLabel}
        format={yFormat}
        grid
      />
      <BottomAxis scale={x} at={height - M.bottom} span={[top, height - M.bottom]} label={xLabel} />
      {series.map((s) => (
        <path
          key={s.label}
          d={stepPath(edges, s.values, x, y)}
          fill={s.dashed ? 'none' : s.color}
          fillOpacity={s.dashed ? undefined : 0.12}
          stroke={s.color}
          strokeWidth={s.dashed ? 1.5 : 2}
          strokeDasharray={s.dashed ? '4 3' : undefined}
        />
      ))}
      {markers
        .filter((m) => m.value >= lo && m.value <= hi)
        .map((m, i) => (
          <g key={m.label} transform={`translate(${x(m.value)},0)`}>
            <line y1={top} y2={height - M.bottom} stroke={m.color} strokeWidth={1.5} />
            <text x={4} y={top + 12 + i * 13} fill={m.color}>
              {m.label}
            </text>
          </g>
        ))}
      <Legend items={legend} x={M.left} y={12} maxWidth={legendWidth} />
    </svg>
  );
}
