import { useEffect, useState } from 'react';
import { useDataset } from '../../state/datasetStore';
import { originsOf, useOrigins } from '../../state/originsStore';
import type { Thumbnail } from '../../protocol';
import { cachedThumb, requestThumb, thumbKey } from './thumbCache';

/** One image cell's pixels (or placeholder), asked for while the cell is mounted; null = loading. */
export function useThumbnail(column: string, row: number, size: number): Thumbnail | null {
  const dataset = useDataset((s) => s.summary?.fingerprint ?? '');
  const origins = useOrigins((s) => originsOf(s, dataset));
  const q = { dataset, column, row, size, origins };
  const key = thumbKey(q);
  const [got, setGot] = useState<{ key: string; t: Thumbnail } | null>(null);
  useEffect(() => {
    if (cachedThumb(key)) return;
    return requestThumb(q, (t) => setGot({ key, t }));
    // `key` describes the query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return got?.key === key ? got.t : (cachedThumb(key) ?? null);
}
