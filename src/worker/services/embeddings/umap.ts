import { UMAP } from 'umap-js';
import { seededRandom, sampleRows, validRows } from '../../../engine/neighbors';
import type { EmbeddingService } from './embeddings';
import { type LayoutResult, UMAP_SOURCE } from '../../../protocol';

/** umap-js takes ~25 s for 10k × 64 here: beyond this, a seeded sample is laid out. */
export const UMAP_MAX_POINTS = 20_000;
const SLICE_MS = 50;

let generation = 0;

/** Stops the UMAP in progress; its promise rejects with "UMAP cancelled". */
export function cancelUmap(): void {
  generation++;
}

const pause = () => new Promise((r) => setTimeout(r, 0));

/**
 * UMAP of an embedding (of a seeded sample above 20k rows; the rest have no position and are not
 * drawn). Epochs run in slices with yields so progress is reported and a cancel can land.
 */
export async function umapLayout(
  s: EmbeddingService,
  embedding: string,
  onProgress?: (done: number, total: number) => void,
): Promise<LayoutResult> {
  const key = UMAP_SOURCE + embedding;
  if (s.hasLayout(key)) return s.layout(key);
  const mine = ++generation;
  const col = s.vectors(embedding);
  const rows = sampleRows(validRows(s.normsOf(embedding), null), UMAP_MAX_POINTS, 1);
  const X = Array.from(rows, (r) =>
    Array.from(col.values.subarray(r * col.dim, (r + 1) * col.dim)),
  );
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: Math.max(2, Math.min(15, rows.length - 1)),
    random: seededRandom(1),
  });
  onProgress?.(0, 1);
  await pause();
  const epochs = umap.initializeFit(X);
  let last = performance.now();
  for (let e = 0; e < epochs; e++) {
    umap.step();
    if (performance.now() - last > SLICE_MS) {
      onProgress?.(e, epochs);
      await pause();
      last = performance.now();
      if (mine !== generation) throw new Error('UMAP cancelled');
    }
  }
  const emb = umap.getEmbedding();
  const coords = new Float32Array(2 * s.d.n).fill(NaN);
  rows.forEach((r, j) => {
    coords[2 * r] = emb[j]![0]!;
    coords[2 * r + 1] = emb[j]![1]!;
  });
  s.storeLayout(key, coords, 'umap', rows.length);
  return s.layout(key);
}
