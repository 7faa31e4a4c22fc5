import type { ScaleLinear } from 'd3';
import { GRID, MUTED } from './chartStyle';

interface AxisProps {
  scale: ScaleLinear<number, number>;
  /** The other axis's pixel range: where the axis line sits and how far grid lines reach. */
  at: number;
  span: [number, number];
  label: string;
  ticks?: number;
  format?: (v: number) => string;
  grid?: boolean;
}

const plain = (v: number) => String(Number(v.toPrecision(6)));

/** A bottom axis: ticks, optional vertical grid lines, and a title under the ticks. */
export function BottomAxis({ scale, at, span, label, ticks = 6, format = plain, grid }: AxisProps) {
  const [x0, x1] = scale.range() as [number, number];
  return (
    <g>
      {scale.ticks(ticks).map((t) => (
        <g key={t} transform={`translate(${scale(t)},0)`}>
          {grid && <line y1={span[0]} y2={span[1]} stroke={GRID} />}
          <line y1={at} y2={at + 4} stroke={MUTED} />
          <text y={at + 15} textAnchor="middle" fill={MUTED}>
            {format(t)}
          </text>
        </g>
      ))}
      <line x1={x0} x2={x1} y1={at} y2={at} stroke={MUTED} />
      <text x={(x0 + x1) / 2} y={at + 30} textAnchor="middle">
        {label}
      </text>
    </g>
  );
}

/** A left axis, title rotated along it. */
export function LeftAxis({ scale, at, span, label, ticks = 5, format = plain, grid }: AxisProps) {
  const [y0, y1] = scale.range() as [number, number];
  return (
    <g>
      {scale.ticks(ticks).map((t) => (
        <g key={t} transform={`translate(0,${scale(t)})`}>
          {grid && <line x1={span[0]} x2={span[1]} stroke={GRID} />}
          <line x1={at - 4} x2={at} stroke={MUTED} />
          <text x={at - 7} dy="0.32em" textAnchor="end" fill={MUTED}>
            {format(t)}
          </text>
        </g>
      ))}
      <line x1={at} x2={at} y1={y0} y2={y1} stroke={MUTED} />
      <text transform={`translate(${at - 40},${(y0 + y1) / 2}) rotate(-90)`} textAnchor="middle">
        {label}
      </text>
    </g>
  );
}

export interface LegendItem {
  label: string;
  color: string;
  dashed?: boolean;
}

/** A one-row legend of line swatches, inside the SVG so exports carry it. */
/** Where each legend item goes, wrapping to a new row past maxWidth. */
export function legendLayout(items: LegendItem[], maxWidth: number) {
  const pos: [number, number][] = [];
  let x = 0;
  let row = 0;
  for (const it of items) {
    // Rough text width: exports have no layout engine to measure with.
    const w = 28 + it.label.length * 6.2;
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      row++;
    }
    pos.push([x, row * LEGEND_ROW]);
    x += w;
  }
  return { pos, rows: items.length ? row + 1 : 0 };
}

export const LEGEND_ROW = 15;

/** A legend of line swatches, inside the SVG so exports carry it; wraps at maxWidth. */
export function Legend({
  items,
  x,
  y,
  maxWidth,
}: {
  items: LegendItem[];
  x: number;
  y: number;
  maxWidth: number;
}) {
  const { pos } = legendLayout(items, maxWidth);
  return (
    <g transform={`translate(${x},${y})`}>
      {items.map((it, i) => (
        <g key={it.label} transform={`translate(${pos[i]![0]},${pos[i]![1]})`}>
          <line
            x1={0}
            x2={18}
            y1={0}
            y2={0}
            stroke={it.color}
            strokeWidth={2.5}
            strokeDasharray={it.dashed ? '4 3' : undefined}
          />
          <text x={23} dy="0.32em">
            {it.label}
          </text>
        </g>
      ))}
    </g>
  );
}
