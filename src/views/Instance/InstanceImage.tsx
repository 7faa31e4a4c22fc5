import { useLayoutEffect, useRef } from 'react';
import { useDataset } from '../../state/datasetStore';
import { useOrigins } from '../../state/originsStore';
import { useThumbnail } from './useThumbnail';

interface Props {
  column: string;
  /** Row index in the dataset. */
  row: number;
  /** Longest side on screen (CSS px); the worker decodes at most this many pixels per side. */
  size: number;
  /** Accessible name of the drawn image. */
  label: string;
}

/** One row's image: pixels from the worker on a canvas, or a placeholder saying why not. */
export function InstanceImage({ column, row, size, label }: Props) {
  const t = useThumbnail(column, row, size);
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx && t && 'rgba' in t)
      ctx.putImageData(
        new ImageData(t.rgba as Uint8ClampedArray<ArrayBuffer>, t.width, t.height),
        0,
        0,
      );
  }, [t]);
  const box = { width: size, height: size };
  if (!t) return <div className="instance-image loading" style={box} aria-busy="true" />;
  if ('placeholder' in t) {
    return <ImagePlaceholder reason={t.placeholder} origin={t.origin} size={size} />;
  }
  const scale = size / Math.max(t.width, t.height);
  return (
    <canvas
      ref={ref}
      className={`instance-image${scale > 1 ? ' pixelated' : ''}`}
      width={t.width}
      height={t.height}
      role="img"
      aria-label={label}
      data-row={row}
      style={{ width: t.width * scale, height: t.height * scale }}
    />
  );
}

function ImagePlaceholder({
  reason,
  origin,
  size,
}: {
  reason: string;
  origin?: string;
  size: number;
}) {
  const fingerprint = useDataset((s) => s.summary?.fingerprint ?? '');
  const allow = useOrigins((s) => s.allow);
  const roomy = size >= 80;
  return (
    <div
      className={`instance-placeholder${roomy ? '' : ' tiny'}`}
      style={{ width: size, minHeight: size }}
      role="img"
      aria-label={`No image: ${reason}`}
      title={reason}
    >
      {roomy ? <span>{reason}</span> : <span aria-hidden="true">⚠</span>}
      {roomy && origin && (
        <button type="button" className="button" onClick={() => allow(fingerprint, origin)}>
          Allow images from {origin}
        </button>
      )}
    </div>
  );
}
