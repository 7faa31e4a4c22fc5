// A seeded mutation fuzzer over valid files: every case must open (and analyse) or be refused
// with a reason, in bounded time, with nothing thrown out of the session.
import type { RoleMapping } from '../shared/roles';
import { Session } from '../worker/session/session';
import { type Rng, mulberry32, mutate } from './fuzzMutate';

export interface FuzzFile {
  name: string;
  bytes: Uint8Array;
}

/** A valid input: one file, or a set opened together (one of them gets mutated). */
export interface FuzzBase {
  label: string;
  files: FuzzFile[];
}

export type Outcome =
  | { kind: 'open'; rows: number; ms: number }
  | { kind: 'error'; reasons: string[]; ms: number }
  | { kind: 'throw'; message: string; ms: number };

function message(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/**
 * Opens the files in a fresh session, then analyses with the inferred roles and with `stale`
 * (a mapping saved for the unmutated file: `?roles=` or storage can hand any mapping to any
 * dataset). Anything thrown is an outcome of its own: the fuzzer's failure.
 */
export async function runCase(files: FuzzFile[], stale?: RoleMapping): Promise<Outcome> {
  const t0 = performance.now();
  const ms = () => performance.now() - t0;
  try {
    const s = new Session();
    // openFiles: Parquet/CSV bases are decoded first, as the worker does; Arrow passes through.
    const r = await s.openFiles(files);
    if (!r.summary) {
      const reasons = r.errors.map((e) => e.reason);
      if (reasons.length === 0 || reasons.some((x) => !x.trim())) {
        return { kind: 'throw', message: 'refused without a reason', ms: ms() };
      }
      return { kind: 'error', reasons, ms: ms() };
    }
    s.analyse(r.summary.inferred);
    if (stale) s.analyse(stale);
    return { kind: 'open', rows: r.summary.numRows, ms: ms() };
  } catch (err) {
    return { kind: 'throw', message: message(err), ms: ms() };
  }
}

/** A reason's kind: its words with numbers, quoted names and parenthesized details blanked. */
export function reasonKind(reason: string): string {
  const kind = reason
    .replace(/\s*\([^():]*\)\s*$/, '')
    // "… (the Arrow reader failed: detail)": keep the clause before the detail.
    .replace(/\(([^:()]*):.*$/, '($1)')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/-?\d+/g, 'N')
    .trim();
  return kind.length > 0 ? kind : reason.slice(0, 60);
}

export interface FuzzCaseResult {
  seed: number;
  base: string;
  what: string;
  outcome: Outcome;
}

export interface FuzzReport {
  tried: number;
  /** 'opened', or the error kind (reason prefix), with counts. */
  outcomes: Map<string, number>;
  slowest: FuzzCaseResult | null;
  /** Cases that threw, refused without a reason, or took longer than maxMs. */
  failures: FuzzCaseResult[];
  totalMs: number;
}

export interface FuzzOptions {
  cases: number;
  seed: number;
  bases: FuzzBase[];
  /** Per-case time limit in ms. */
  maxMs: number;
  /** Roles inferred on each unmutated base, applied to its mutants too. */
  staleRoles?: Map<string, RoleMapping>;
}

async function oneCase(opts: FuzzOptions, seed: number): Promise<FuzzCaseResult> {
  const rng: Rng = mulberry32(seed);
  const base = opts.bases[Math.floor(rng() * opts.bases.length)]!;
  const target = Math.floor(rng() * base.files.length);
  const donorBase = opts.bases[Math.floor(rng() * opts.bases.length)]!;
  const donor = donorBase.files[Math.floor(rng() * donorBase.files.length)]!.bytes;
  const m = mutate(base.files[target]!.bytes, rng, donor);
  const files = base.files.map((f, i) => (i === target ? { name: f.name, bytes: m.bytes } : f));
  const outcome = await runCase(files, opts.staleRoles?.get(base.label));
  return { seed, base: `${base.label}[${target}]`, what: m.what, outcome };
}

/** Runs `cases` seeded cases; case i uses seed `seed + i`, so any case replays on its own. */
export async function fuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const outcomes = new Map<string, number>();
  const failures: FuzzCaseResult[] = [];
  let slowest: FuzzCaseResult | null = null;
  const t0 = performance.now();
  for (let i = 0; i < opts.cases; i++) {
    const c = await oneCase(opts, opts.seed + i);
    const o = c.outcome;
    const kind =
      o.kind === 'open' ? 'opened' : o.kind === 'throw' ? 'THREW' : reasonKind(o.reasons[0]!);
    outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
    if (o.kind === 'throw' || o.ms > opts.maxMs) failures.push(c);
    if (!slowest || o.ms > slowest.outcome.ms) slowest = c;
  }
  return { tried: opts.cases, outcomes, slowest, failures, totalMs: performance.now() - t0 };
}

/** The report as lines for the console (and for the README's reliability section). */
export function formatReport(r: FuzzReport): string[] {
  const lines = [`cases tried: ${r.tried} in ${(r.totalMs / 1000).toFixed(1)} s`];
  const sorted = [...r.outcomes].sort((a, b) => b[1] - a[1]);
  for (const [kind, count] of sorted) lines.push(`  ${String(count).padStart(7)}  ${kind}`);
  if (r.slowest) {
    const s = r.slowest;
    lines.push(
      `slowest: ${s.outcome.ms.toFixed(1)} ms (seed ${s.seed}, ${s.base}, ${s.what}, ${s.outcome.kind})`,
    );
  }
  lines.push(`failures: ${r.failures.length}`);
  for (const f of r.failures.slice(0, 20)) lines.push(`  ${describeFailure(f)}`);
  return lines;
}

/** A failed case, with what replays it (seed) and what went wrong. */
export function describeFailure(f: FuzzCaseResult): string {
  const o = f.outcome;
  const detail = o.kind === 'throw' ? o.message : `${o.kind} in ${o.ms.toFixed(0)} ms`;
  return `seed ${f.seed} ${f.base} ${f.what}: ${detail}`;
}
