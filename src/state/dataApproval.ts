import { create } from 'zustand';
import type { Source } from '../protocol';

const KEY = 'workbench:approved-origins';
const MAX_REMEMBERED = 200;

function approved(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((o): o is string => typeof o === 'string') : [];
  } catch {
    return [];
  }
}

/** Origins other than the app's that these sources would be fetched from, not yet approved. */
export function unapprovedOrigins(sources: Source[], here: string): string[] {
  const known = new Set([new URL(here).origin, ...approved()]);
  const origins = sources.flatMap((s) => {
    if (s.kind !== 'url') return [];
    try {
      return [new URL(s.url, here).origin];
    } catch {
      return []; // not a URL: the open fails with its own message
    }
  });
  return [...new Set(origins)].filter((o) => !known.has(o));
}

/** Remembers the origins the user allowed (per browser; localStorage, a short list). */
export function approveOrigins(origins: string[]): void {
  try {
    const next = [...new Set([...origins, ...approved()])].slice(0, MAX_REMEMBERED);
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    /* not remembered: the link asks again next time */
  }
}

/** A link naming data on another origin, waiting for the user's answer. */
export const useDataPrompt = create<{
  pending: { origins: string[]; sources: Source[] } | null;
  ask: (origins: string[], sources: Source[]) => void;
  close: () => void;
}>((set) => ({
  pending: null,
  ask: (origins, sources) => set({ pending: { origins, sources } }),
  close: () => set({ pending: null }),
}));
