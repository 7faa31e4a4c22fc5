import {
  type SuspectRow,
  labelAgreement,
  nearestToRow,
  rankSuspects,
  sampleRows,
  scanCap,
  validRows,
} from '../../../engine/neighbors';
import type { EmbeddingService } from './embeddings';
import type { LabelErrorsRequest, LabelErrorsResult } from '../../../protocol';

const LIMIT = 100;
/** Time between yields to the worker's message loop, so a cancel request can land. */
const SLICE_MS = 50;

let generation = 0;

/** Stops the scan in progress (it returns what it found so far, marked cancelled). */
export function cancelLabelErrors(): void {
  generation++;
}

/**
 * Likely label errors in a cohort: rows whose label most of their k neighbours contradict.
 * Each query is a full pass over the vectors, so above the work cap a seeded sample of the
 * cohort is checked (the result says how many). Progress after each slice.
 */
export async function labelErrors(
  s: EmbeddingService,
  req: LabelErrorsRequest,
  onProgress?: (done: number, total: number) => void,
): Promise<LabelErrorsResult> {
  const mine = ++generation;
  const d = s.d;
  const ev = d.ev;
  if (!ev?.label) throw new Error('Finding label errors needs a class label.');
  const label = ev.label;
  const col = s.vectors(req.embedding);
  const norms = s.normsOf(req.embedding);
  const mask = d.maskOf(req.cohort);
  const inCohort = validRows(norms, mask);
  const labelled = inCohort.filter((r) => label[r]! >= 0);
  const cap = scanCap(d.n, col.dim);
  const queries = sampleRows(labelled, cap, 1);
  const found: SuspectRow[] = [];
  let last = performance.now();
  let done = 0;
  for (; done < queries.length; done++) {
    if (performance.now() - last > SLICE_MS) {
      onProgress?.(done, queries.length);
      await new Promise((r) => setTimeout(r, 0));
      last = performance.now();
      if (mine !== generation) break;
    }
    const row = queries[done]!;
    const nb = nearestToRow(col.values, col.dim, norms, row, {
      k: req.k,
      metric: req.metric,
      mask: req.restrict ? mask : null,
    });
    const a = labelAgreement(nb.rows, label, label[row]!, ev.classes.length);
    if (a.labelled > 0) {
      found.push({ ...a, row, label: label[row]!, share: a.different / a.labelled });
    }
  }
  onProgress?.(done, queries.length);
  const key = d.idKey();
  const suspects = rankSuspects(found, LIMIT).map((r) => ({
    index: r.row,
    id: key?.(r.row) ?? `#${r.row}`,
    label: ev.classes[r.label] ?? String(r.label),
    majority: ev.classes[r.other] ?? String(r.other),
    majorityCount: r.otherCount,
    share: r.share,
    different: r.different,
    labelled: r.labelled,
  }));
  return {
    checked: done,
    total: labelled.length,
    cap,
    cancelled: done < queries.length,
    suspects,
  };
}
