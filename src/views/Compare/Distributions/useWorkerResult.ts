import { useEffect, useRef, useState } from 'react';

interface State<T> {
  key: string;
  data: T | null;
  error: string | null;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The answer of a worker request identified by `key` (null = nothing to ask). The previous
 * answer stays while a new one is computed, so charts do not flash empty; `loading` says so.
 */
export function useWorkerResult<T>(key: string | null, run: () => Promise<T>, delay = 0) {
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  const [state, setState] = useState<State<T> | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    const t = setTimeout(() => {
      runRef.current().then(
        (data) => live && setState({ key, data, error: null }),
        (err: unknown) => live && setState({ key, data: null, error: messageOf(err) }),
      );
    }, delay);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key, delay]);
  return {
    data: key === null ? null : (state?.data ?? null),
    error: state?.key === key ? state.error : null,
    loading: key !== null && state?.key !== key,
  };
}
