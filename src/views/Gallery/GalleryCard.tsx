import { memo } from 'react';
import { formatCell } from '../../ui/formatCell';
import type { GridRow } from '../Rows/useRowPages';
import { InstanceImage } from '../Instance/InstanceImage';
import type { CardColumns } from './galleryColumns';

interface Props {
  row: GridRow | undefined;
  pos: number;
  image: string | null;
  cols: CardColumns;
  size: number;
  x: number;
  onOpen: (row: GridRow) => void;
}

/** One row of the cohort: its image (or the start of its text), label and each version's answer. */
export const GalleryCard = memo(function GalleryCard({
  row,
  pos,
  image,
  cols,
  size,
  x,
  onOpen,
}: Props) {
  const style = { transform: `translateX(${x}px)`, width: size + 16 };
  if (!row) {
    return (
      <div className="gallery-card loading" style={style} aria-busy="true">
        Row {pos + 1}…
      </div>
    );
  }
  const name = row.id ?? `#${row.index}`;
  const label = cols.label ? formatCell(row.cells[cols.label] ?? null) : null;
  const preds = cols.versions.map((v) => ({
    name: v.name,
    pred: v.pred ? formatCell(row.cells[v.pred] ?? null) : '–',
    wrong: v.correct ? (row.cells[v.correct] as { v?: string } | null)?.v === 'wrong' : false,
  }));
  const text = cols.text ? formatCell(row.cells[cols.text] ?? null) : null;
  const summary = [
    label !== null ? `label ${label}` : null,
    ...preds.map((p) => `${p.name} ${p.pred}${p.wrong ? ' (wrong)' : ''}`),
  ].filter(Boolean);
  return (
    <button
      type="button"
      className="gallery-card"
      style={style}
      aria-label={`Row ${name}: ${summary.join(', ')}`}
      onClick={() => onOpen(row)}
    >
      {image && (
        <InstanceImage column={image} row={row.index} size={size} label={`Image of ${name}`} />
      )}
      {text !== null && <span className="gallery-text">{text.slice(0, 140)}</span>}
      <span className="gallery-meta">
        {label !== null && <span className="gallery-label">{label}</span>}
        {preds.map((p) => (
          <span
            key={p.name}
            className={p.wrong ? 'wrong' : 'right'}
            title={`${p.name} predicted ${p.pred}`}
          >
            {p.name}: {p.pred}
          </span>
        ))}
      </span>
    </button>
  );
});
