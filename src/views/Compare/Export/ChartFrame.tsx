import { type ReactNode, useRef, useState } from 'react';
import { downloadPng, downloadSvg } from './download';

interface Props {
  /** Also the chart's file name and its title in the report. */
  title: string;
  children: ReactNode;
  /** A sentence under the chart: what it shows and how to read it. */
  note?: ReactNode;
}

/** A chart with its title and "PNG" / "SVG" download buttons. */
export function ChartFrame({ title, children, note }: Props) {
  const ref = useRef<HTMLElement>(null);
  const [error, setError] = useState<string | null>(null);
  const svg = () => ref.current?.querySelector<SVGSVGElement>('svg[data-chart]') ?? null;
  const png = () => {
    const el = svg();
    if (!el) return;
    setError(null);
    downloadPng(el, title).catch((err: unknown) =>
      setError(err instanceof Error ? err.message : String(err)),
    );
  };
  const save = () => {
    const el = svg();
    if (el) downloadSvg(el, title);
  };
  return (
    <figure className="chart-frame" ref={ref}>
      <figcaption>
        <span className="chart-title">{title}</span>
        <span className="chart-downloads" data-report-skip="">
          <button
            type="button"
            className="button small"
            onClick={png}
            aria-label={`Download “${title}” as PNG`}
          >
            PNG
          </button>
          <button
            type="button"
            className="button small"
            onClick={save}
            aria-label={`Download “${title}” as SVG`}
          >
            SVG
          </button>
        </span>
      </figcaption>
      {children}
      {note && <p className="chart-note">{note}</p>}
      {error && <p role="alert">Could not save the PNG: {error}</p>}
    </figure>
  );
}
