import { labelAgreement } from '../../../engine/neighbors';
import type { OpenDataset } from '../../session/dataset';
import type { NeighbourRow, NeighboursResult } from '../../../protocol';

const className = (classes: string[], c: number | undefined) =>
  c === undefined || c < 0 ? null : (classes[c] ?? null);

/** What the neighbour table shows of row i. */
export function neighbourRow(
  d: OpenDataset,
  i: number,
  rank: number,
  distance: number,
): NeighbourRow {
  const ev = d.ev;
  const classes = ev?.classes ?? [];
  const key = d.idKey();
  return {
    rank,
    index: i,
    id: key?.(i) ?? `#${i}`,
    distance,
    label: ev?.label ? className(classes, ev.label[i]) : null,
    predictions: (ev?.versions ?? []).map((v) => (v.pred ? className(classes, v.pred[i]) : null)),
  };
}

/** The picked row's label against its neighbours' labels; null when there are no labels. */
export function labelAgreementOf(
  d: OpenDataset,
  i: number,
  rows: Int32Array,
): NeighboursResult['agreement'] {
  const ev = d.ev;
  if (!ev?.label) return null;
  const a = labelAgreement(rows, ev.label, ev.label[i]!, ev.classes.length);
  return {
    labelled: a.labelled,
    different: a.different,
    majority: className(ev.classes, a.majority),
  };
}
