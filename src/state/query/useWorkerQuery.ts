import { useEffect, useRef, useState } from 'react';
import type { Analysis } from '../../protocol';
import { useDataset } from '../datasetStore';

interface State<T> {
  key: string;
  data: T | null;
  error: string | null;
}

export interface Query<T> {
  /** The latest answer; the previous one stays while a new one is computed (no flash). */
  data: T | null;
  error: string | null;
  /** True while the answer on screen is not the one for the current request. */
  loading: boolean;
}

const stamps = new WeakMap<Analysis, number>();
let nextStamp = 1;

/**
 * A number that changes whenever the worker re-analyses (roles or thresholds changed, or the
 * engine restarted), so a request is asked again even when its own fields did not change.
 */
export function stampOf(a: Analysis | null): number {
  if (!a) return 0;
  let s = stamps.get(a);
  if (s === undefined) {
    s = nextStamp++;
    stamps.set(a, s);
  }
  return s;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The one way a view asks the worker: `request` is the request's fields (null = nothing to ask;
 * nothing is asked before the dataset is analysed), `run` asks it. The answer is keyed by the
 * request and the analysis, so an edit of roles or thresholds re-asks every open panel; an
 * answer that arrives after the request changed is dropped. `delay` debounces typing;
 * `keepPrevious: false` shows nothing (rather than the last answer) while a new one is computed.
 * `perAnalysis: false` is for requests that name everything their answer depends on (e.g. the
 * operating points: roles, cohort and thresholds): they are not asked again when the analysis
 * changes, so a threshold edit is answered by the request sent at the edit, not by a second one
 * queued behind every panel's re-request after the worker re-analysed.
 */
export function useWorkerQuery<T>(
  request: unknown,
  run: () => Promise<T>,
  {
    delay = 0,
    keepPrevious = true,
    perAnalysis = true,
  }: { delay?: number; keepPrevious?: boolean; perAnalysis?: boolean } = {},
): Query<T> {
  const analysis = useDataset((s) => s.analysis);
  const key =
    request === null || !analysis
      ? null
      : `${perAnalysis ? stampOf(analysis) : ''}|${JSON.stringify(request)}`;
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
    data: key === null || (!keepPrevious && state?.key !== key) ? null : (state?.data ?? null),
    error: state?.key === key ? state.error : null,
    loading: key !== null && state?.key !== key,
  };
}

/**
 * What an answer computed from the data and roles alone depends on besides its request: for
 * `perAnalysis: false` queries, whose requests carry the cohort and thresholds themselves.
 */
export function useDataKey(): string {
  const fingerprint = useDataset((s) => s.summary?.fingerprint ?? null);
  const roles = useDataset((s) => s.roles);
  return JSON.stringify([fingerprint, roles]);
}
