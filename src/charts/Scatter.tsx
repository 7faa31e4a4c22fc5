import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { select } from 'd3';
import type { LayoutResult } from '../protocol';
import { type ScatterCallbacks, ScatterController, type ScatterMode } from './scatterController';

export interface ScatterProps extends Omit<ScatterCallbacks, 'onCursor'> {
  label: string;
  layout: LayoutResult;
  codes: Uint8Array | null;
  palette: string[];
  density: boolean;
  mode: ScatterMode;
  picked: number | null;
  neighbours: number[];
  polygon: number[] | null;
  /** Tooltip lines for a point (fetched from the worker). */
  describe: (index: number) => Promise<string[]>;
  /** Drawn under the tooltip's lines (the hovered row's image). */
  tipExtra?: ReactNode;
}

/**
 * A WebGL point map with a 2-D overlay. React sets it up and passes data in; pan, zoom, hover and
 * lasso run in ScatterController without re-rendering.
 */
export function Scatter(p: ScatterProps) {
  const box = useRef<HTMLDivElement>(null);
  const glRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const ctl = useRef<ScatterController | null>(null);
  const latest = useRef(p);
  // The keyboard cursor's point in words, for the live line (screen readers and sighted users).
  const [cursor, setCursor] = useState('');
  const keysHint = useId();
  useEffect(() => {
    latest.current = p;
  });

  useEffect(() => {
    let hoverToken = 0;
    let cursorToken = 0;
    const tip = tipRef.current!;
    const c = new ScatterController(glRef.current!, overlayRef.current!, {
      onPick: (i) => latest.current.onPick(i),
      onSelect: (poly) => latest.current.onSelect(poly),
      onCursor: (i) => {
        const token = ++cursorToken;
        if (i < 0) setCursor('');
        else
          void latest.current.describe(i).then((lines) => {
            if (token === cursorToken) setCursor(`Point ${lines.join(', ')}`);
          });
      },
      onHover: (i, x, y) => {
        latest.current.onHover(i, x, y);
        const token = ++hoverToken;
        if (i < 0) {
          tip.hidden = true;
          return;
        }
        void latest.current.describe(i).then((lines) => {
          if (token !== hoverToken) return;
          select(tip.querySelector('.scatter-tip-lines'))
            .selectAll('div')
            .data(lines)
            .join('div')
            .text((d) => d);
          tip.style.left = `${x + 14}px`;
          tip.style.top = `${y + 14}px`;
          tip.hidden = false;
        });
      },
    });
    ctl.current = c;
    const ro = new ResizeObserver(([entry]) => {
      if (entry) c.resize(entry.contentRect.width, entry.contentRect.height);
    });
    ro.observe(box.current!);
    return () => {
      ro.disconnect();
      c.destroy();
      ctl.current = null;
    };
  }, []);

  useEffect(() => ctl.current?.setLayout(p.layout), [p.layout]);
  useEffect(() => {
    if (p.codes) ctl.current?.setColors(p.codes, p.palette);
  }, [p.codes, p.palette]);
  useEffect(() => ctl.current?.setDensity(p.density), [p.density]);
  useEffect(() => {
    if (ctl.current) ctl.current.mode = p.mode;
  }, [p.mode]);
  useEffect(
    () => ctl.current?.setMarks({ picked: p.picked, neighbours: p.neighbours, polygon: p.polygon }),
    [p.picked, p.neighbours, p.polygon],
  );

  return (
    <div className={`scatter scatter-${p.mode}`} ref={box}>
      <p id={keysHint} className="visually-hidden">
        Arrow keys move between points, Enter opens the row, Shift and arrows pan, plus and minus
        zoom.
      </p>
      <canvas ref={glRef} className="scatter-gl" aria-hidden="true" />
      <canvas
        ref={overlayRef}
        className="scatter-overlay"
        role="img"
        aria-label={p.label}
        aria-describedby={keysHint}
        data-testid="scatter"
      />
      <p className="scatter-cursor" aria-live="polite">
        {cursor}
      </p>
      <div ref={tipRef} className="scatter-tip" role="tooltip" hidden>
        <div className="scatter-tip-lines" />
        {p.tipExtra}
      </div>
    </div>
  );
}
