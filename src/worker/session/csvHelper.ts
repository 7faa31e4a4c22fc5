// Starts the helper worker that scans a large CSV's second half (data/partial/csvPart.ts), or
// none where workers cannot start workers (Node: tests run the helper on their own thread).
import {
  type PartResult,
  type Splitter,
  csvSplit,
  localSplitter,
} from '../../data/partial/csvPart';
import type { PartRequest } from '../csvPart.worker';

export function csvHelper(file: File): Splitter | undefined {
  if (csvSplit.inProcess) return localSplitter(file);
  if (typeof Worker === 'undefined') return undefined;
  return (base, spec) => {
    let worker: Worker | null = null;
    const end = () => {
      worker?.terminate();
      worker = null;
    };
    const result = new Promise<PartResult | null>((resolve) => {
      try {
        worker = new Worker(new URL('../csvPart.worker.ts', import.meta.url), { type: 'module' });
      } catch {
        resolve(null);
        return;
      }
      worker.onmessage = (e: MessageEvent<{ ok: boolean; part?: PartResult }>) => {
        resolve(e.data.ok ? e.data.part! : null);
        end();
      };
      // A script that fails to load or an answer that cannot be read: the opener scans on.
      worker.onerror = worker.onmessageerror = () => {
        resolve(null);
        end();
      };
      const request: PartRequest = { file, base, spec };
      worker.postMessage(request);
    });
    return {
      result,
      cancel: end,
    };
  };
}
