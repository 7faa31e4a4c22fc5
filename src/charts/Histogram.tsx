import { useEffect, useRef } from 'react';
import { type D3BrushEvent, brushX, scaleLinear, select } from 'd3';

interface Props {
  edges: number[];
  counts: number[];
  /** The selected range, drawn as the brush. */
  min: number | null;
  max: number | null;
  label: string;
  onBrush: (min: number, max: number) => void;
  width?: number;
  height?: number;
}

const M = { left: 4, right: 4, top: 4, bottom: 4 };

/** Bars of a histogram with a brush to pick a range. The d3 brush lives on a ref, created once. */
export function Histogram({
  edges,
  counts,
  min,
  max,
  label,
  onBrush,
  width = 280,
  height = 56,
}: Props) {
  const brushRef = useRef<SVGGElement>(null);
  const onBrushRef = useRef(onBrush);
  useEffect(() => {
    onBrushRef.current = onBrush;
  });
  const lo = edges[0] ?? 0;
  const hi = edges[edges.length - 1] ?? 1;
  const x = scaleLinear()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .range([M.left, width - M.right]);
  const top = Math.max(1, ...counts);
  const y = scaleLinear()
    .domain([0, top])
    .range([height - M.bottom, M.top]);

  useEffect(() => {
    const g = brushRef.current;
    if (!g) return;
    const brush = brushX<unknown>()
      .extent([
        [M.left, M.top],
        [width - M.right, height - M.bottom],
      ])
      .on('end', (e: D3BrushEvent<unknown>) => {
        if (!e.sourceEvent || !e.selection) return;
        const [a, b] = e.selection as [number, number];
        onBrushRef.current(x.invert(a), x.invert(b));
      });
    const sel = select(g).call(brush);
    const a = min === null ? lo : Math.max(lo, min);
    const b = max === null ? hi : Math.min(hi, max);
    if (min !== null || max !== null) sel.call(brush.move, [x(a), x(b)]);
    else sel.call(brush.move, null);
    return () => {
      sel.on('.brush', null);
    };
  }, [width, height, lo, hi, min, max, x]);

  return (
    <svg className="histogram" width={width} height={height} role="img" aria-label={label}>
      {counts.map((c, i) => {
        const x0 = x(edges[i]!);
        const x1 = x(edges[i + 1]!);
        return (
          <rect
            key={i}
            x={x0 + 0.5}
            width={Math.max(0.5, x1 - x0 - 1)}
            y={y(c)}
            height={y(0) - y(c)}
            className="bar"
          />
        );
      })}
      <g ref={brushRef} />
    </svg>
  );
}
