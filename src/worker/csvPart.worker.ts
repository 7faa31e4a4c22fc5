// The helper that scans the second half of a large CSV's first pass (data/partial/csvPart.ts),
// on a core of its own. It reads its part of the file itself (a File crosses to a worker
// without copying its bytes), answers once and is ended by the opening worker.
import { type PartSpec, scanPart } from '../data/partial/csvPart';
import { readArriving } from '../data/readArriving';
import { ReadBudget } from '../data/readSource';
import type { Column } from '../data/types';

export interface PartRequest {
  file: File;
  base: number;
  spec: PartSpec;
}

/** The buffers a column's arrays hold, handed over rather than copied. */
function buffersOf(c: Column): ArrayBuffer[] {
  const arrays =
    c.kind === 'numeric'
      ? [c.values, c.int64]
      : c.kind === 'string'
        ? [c.codes]
        : 'values' in c
          ? [c.values]
          : [];
  return arrays.flatMap((a) => (a && a.buffer instanceof ArrayBuffer ? [a.buffer] : []));
}

self.onmessage = async (e: MessageEvent<PartRequest>) => {
  const { file, base, spec } = e.data;
  try {
    const src = readArriving(
      Object.assign(file.slice(base), { name: file.name }),
      () => {},
      new ReadBudget(), // (the opener has charged the file to its budget)
    );
    const part = await scanPart(src, base, spec);
    const transfer = [
      ...new Set([...part.columns.flatMap(buffersOf), part.starts.buffer, part.marks.buffer]),
    ];
    self.postMessage({ ok: true, part }, { transfer });
  } catch (err) {
    self.postMessage({ ok: false, reason: err instanceof Error ? err.message : String(err) });
  }
};
