import { type Metric, nearestToRow, sharedNeighbours } from '../../../engine/neighbors';
import type { EmbeddingService } from './embeddings';
import { type NeighboursRequest, type NeighboursResult, noNeighbours } from '../../../protocol';
import { labelAgreementOf, neighbourRow } from './rows';

/** Exact neighbours of one row, with label agreement and the overlap with other embeddings. */
export function neighboursOf(s: EmbeddingService, req: NeighboursRequest): NeighboursResult {
  const versions = (s.d.ev?.versions ?? []).map((v) => v.name);
  const empty = (error: string) => noNeighbours(versions, error);
  const i = s.resolve(req.row);
  if (i === null) return empty(`There is no row "${req.row}".`);
  if (s.d.byName.get(req.embedding)?.kind !== 'vector') {
    return empty(`"${req.embedding}" is not an embedding column.`);
  }
  const col = s.vectors(req.embedding);
  const norms = s.normsOf(req.embedding);
  const query = neighbourRow(s.d, i, 0, 0);
  if (norms[i] !== norms[i]) return { ...empty('This row has no embedding.'), query };
  const mask = s.d.maskOf(req.cohort);
  const res = nearestToRow(col.values, col.dim, norms, i, {
    k: req.k,
    metric: req.metric as Metric,
    mask,
  });
  const rows = Array.from(res.rows, (r, j) => neighbourRow(s.d, r, j + 1, res.distances[j]!));
  let candidates = 0;
  for (let r = 0; r < norms.length; r++) {
    if (r !== i && norms[r] === norms[r] && (mask === null || mask[r] === 1)) candidates++;
  }
  return {
    query,
    rows,
    versions,
    candidates,
    agreement: labelAgreementOf(s.d, i, res.rows),
    overlap: overlap(s, req, i, res.rows, mask),
    error: null,
  };
}

/** The same search in every other embedding (e.g. one per version): what moved. */
function overlap(
  s: EmbeddingService,
  req: NeighboursRequest,
  i: number,
  rows: Int32Array,
  mask: Uint8Array | null,
) {
  const others = (s.d.roles?.embeddings ?? []).filter(
    (e) => e !== req.embedding && s.d.byName.get(e)?.kind === 'vector',
  );
  return others.flatMap((embedding) => {
    const col = s.vectors(embedding);
    const norms = s.normsOf(embedding);
    if (norms[i] !== norms[i]) return [];
    const opts = { k: req.k, metric: req.metric, mask };
    const there = nearestToRow(col.values, col.dim, norms, i, opts).rows;
    return [{ embedding, shared: sharedNeighbours(rows, there), k: rows.length }];
  });
}
