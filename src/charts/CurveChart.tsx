import { scaleLinear } from 'd3';
import { BottomAxis, LEGEND_ROW, LeftAxis, Legend, legendLayout } from './axes';
import { MUTED, svgRoot } from './chartStyle';

export interface CurveSeries {
  label: string;
  color: string;
  x: number[];
  y: number[];
  /** Draw as steps (precision–recall: the area under the steps is the average precision). */
  steps?: boolean;
}

/** An operating point on a curve: filled = the version's threshold, hollow = a matched point. */
export interface CurveMarkPoint {
  x: number;
  y: number;
  color: string;
  label: string;
  hollow?: boolean;
}

interface Props {
  title: string;
  series: CurveSeries[];
  marks: CurveMarkPoint[];
  /** The no-skill line: the diagonal (ROC) or a level (PR: the share of positives). */
  chance: { kind: 'diagonal' } | { kind: 'level'; y: number; label: string };
  xLabel: string;
  yLabel: string;
  width?: number;
}

const M = { left: 58, right: 16, bottom: 44 };
const PLOT = 260;

function pathOf(s: CurveSeries, x: (v: number) => number, y: (v: number) => number): string {
  let d = '';
  for (let k = 0; k < s.x.length; k++) {
    const px = x(s.x[k]!);
    const py = y(s.y[k]!);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    // Steps: to this point's height, then across to it (its precision holds over the recall it
    // adds: the average precision's sum).
    if (d && s.steps) d += `V${py}H${px}`;
    else d += `${d ? 'L' : 'M'}${px},${py}`;
  }
  return d;
}

const LINE = 13;

/**
 * Label positions beside each mark: right of the point (left in the right part of the plot),
 * pushed down until no two labels on the same side overlap; a leader line joins a moved label.
 */
function placeLabels(marks: CurveMarkPoint[], x: (v: number) => number, y: (v: number) => number) {
  const placed = marks
    .filter((m) => Number.isFinite(m.x) && Number.isFinite(m.y))
    .map((m) => {
      const right = m.x <= 0.6;
      const px = x(m.x);
      const py = y(m.y);
      return { m, px, py, right, lx: px + (right ? 10 : -10), ly: py + 4 };
    })
    .sort((a, b) => a.ly - b.ly);
  const last = { true: -Infinity, false: -Infinity };
  for (const p of placed) {
    const side = String(p.right) as 'true' | 'false';
    p.ly = Math.max(p.ly, last[side] + LINE);
    last[side] = p.ly;
  }
  return placed;
}

/**
 * A curve in the unit square per version (ROC or precision–recall), the no-skill line dashed,
 * and operating points marked with their labels, so the exported picture says which is which.
 */
export function CurveChart({ title, series, marks, chance, xLabel, yLabel, width = 420 }: Props) {
  const legend = series.map((s) => ({ label: s.label, color: s.color }));
  const legendWidth = width - M.left - M.right;
  const top = 18 + legendLayout(legend, legendWidth).rows * LEGEND_ROW;
  const height = top + PLOT + M.bottom;
  const x = scaleLinear()
    .domain([0, 1])
    .range([M.left, M.left + Math.min(PLOT, width - M.left - M.right)]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([top + PLOT, top]);
  const [x0, x1] = x.range() as [number, number];
  return (
    <svg {...svgRoot(title, width, height)}>
      <title>{title}</title>
      <LeftAxis scale={y} at={M.left} span={[x0, x1]} label={yLabel} grid />
      {chance.kind === 'diagonal' ? (
        <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} stroke={MUTED} strokeDasharray="4 3" />
      ) : (
        <g>
          <line
            x1={x0}
            x2={x1}
            y1={y(chance.y)}
            y2={y(chance.y)}
            stroke={MUTED}
            strokeDasharray="4 3"
          />
          {/* Below the line at the left: curves above no skill leave that corner empty. */}
          <text x={x0 + 6} y={y(chance.y) + 14} fill={MUTED}>
            {chance.label}
          </text>
        </g>
      )}
      {series.map((s) => (
        <path key={s.label} d={pathOf(s, x, y)} fill="none" stroke={s.color} strokeWidth={2} />
      ))}
      {placeLabels(marks, x, y).map(({ m, px, py, lx, ly, right }, k) => (
        <g key={`${m.label}-${k}`}>
          {Math.abs(ly - py) > 3 && (
            <line x1={px} y1={py} x2={lx} y2={ly - 4} stroke={m.color} strokeWidth={1} />
          )}
          <circle
            cx={px}
            cy={py}
            r={m.hollow ? 6 : 5}
            fill={m.hollow ? '#fff' : m.color}
            stroke={m.hollow ? m.color : '#fff'}
            strokeWidth={2}
          />
          <text x={lx} y={ly} textAnchor={right ? 'start' : 'end'} fill={m.color} fontWeight={600}>
            {m.label}
          </text>
        </g>
      ))}
      <BottomAxis scale={x} at={top + PLOT} span={[top, top + PLOT]} label={xLabel} />
      <Legend items={legend} x={M.left} y={12} maxWidth={legendWidth} />
    </svg>
  );
}
