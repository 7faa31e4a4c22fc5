import { useEffect, useMemo, useState } from 'react';
import { client } from '../../worker/client';
import { type ColorBy, type LayoutResult, type PointColors, UMAP_SOURCE } from '../../protocol';
import type { Predicate } from '../../protocol';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

interface LayoutState {
  key: unknown;
  layout: LayoutResult | null;
  progress: number | null;
  error: string | null;
}

/** The 2-D layout of a source, with the progress of computing it. */
export function useLayout(source: string | null, token: unknown) {
  const [state, setState] = useState<LayoutState>({
    key: null,
    layout: null,
    progress: null,
    error: null,
  });
  // The request's identity: a state from an older request reads as "in progress".
  const key = useMemo(() => ({ source, token }), [source, token]);
  useEffect(() => {
    if (!source || !token) return;
    let live = true;
    const set = (s: Omit<LayoutState, 'key'>) => live && setState({ key, ...s });
    const onProgress = (done: number, total: number) =>
      set({ layout: null, progress: done / total, error: null });
    const umap = source.startsWith(UMAP_SOURCE);
    const request = umap
      ? client.umap(source.slice(UMAP_SOURCE.length), onProgress)
      : client.layout(source, onProgress);
    request.then(
      (layout) => set({ layout, progress: null, error: null }),
      (err: unknown) => set({ layout: null, progress: null, error: message(err) }),
    );
    return () => {
      live = false;
    };
  }, [key, source, token]);
  if (state.key !== key) return { layout: null, progress: source && token ? 0 : null, error: null };
  return state;
}

/** Colour codes for the current layout (rows without a position come back hidden). */
export function usePointColors(
  by: ColorBy | null,
  layout: LayoutResult | null,
  cohort: Predicate | null,
) {
  const [state, setState] = useState<{ colors: PointColors | null; error: string | null }>({
    colors: null,
    error: null,
  });
  const key = JSON.stringify(by);
  useEffect(() => {
    if (!by || !layout) return;
    let live = true;
    client.pointColors(by, layout.source, cohort).then(
      (colors) => live && setState({ colors, error: null }),
      (err: unknown) => live && setState({ colors: null, error: message(err) }),
    );
    return () => {
      live = false;
    };
    // `key` stands for `by` (a fresh object each render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, layout, cohort]);
  return state;
}
