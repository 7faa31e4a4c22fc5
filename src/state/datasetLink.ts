// Which data a link belongs to: the dataset's fingerprint, its file names and row count travel in
// the URL, so a link (or a reload) never applies its state to other data, and can say what to open.
import type { DatasetSummary, Source } from '../protocol';

export interface DatasetLink {
  fingerprint: string;
  files: string[];
  rows: number;
}

/** The dataset a URL names (`ds`, `files`, `n`), or null for a link made before they existed. */
export function parseDatasetLink(search: string): DatasetLink | null {
  const q = new URLSearchParams(search);
  const fingerprint = q.get('ds');
  if (!fingerprint || !/^[0-9a-f]{8}$/.test(fingerprint)) return null;
  const rows = Number(q.get('n'));
  return {
    fingerprint,
    files: q.getAll('file').filter((f) => f.length > 0),
    rows: Number.isSafeInteger(rows) && rows >= 0 ? rows : 0,
  };
}

/** A link's state applies to a dataset only when the link names no dataset or this one. */
export function linkFits(link: DatasetLink | null, fingerprint: string): boolean {
  return !link || link.fingerprint === fingerprint;
}

const baseName = (name: string) => name.split('/').pop() ?? name;

/**
 * Puts the open dataset's identity into the address bar. A dataset from local files drops the
 * `data` URLs (a reload must not open the demo they named); one from URLs keeps them, so the
 * link opens complete by itself.
 */
export function writeDatasetLink(summary: DatasetSummary, sources: Source[]): void {
  const search = datasetLinkSearch(window.location.search, summary, sources);
  if (search !== new URLSearchParams(window.location.search).toString())
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}?${search}${window.location.hash}`,
    );
}

/**
 * The query string with the dataset's identity in it. Parameters already right stay where they
 * are: the file names were deleted and appended on every write, which moved them behind any
 * parameter the view state had added since and cost a `replaceState` each time the state
 * changed (a CPU profile of Compare's opening at 1M showed one taking 204 ms of a long task at
 * load 17, the browser process busy).
 */
export function datasetLinkSearch(
  search: string,
  summary: DatasetSummary,
  sources: Source[],
): string {
  const q = new URLSearchParams(search);
  const fromFiles = sources.length > 0 && sources.every((s) => s.kind === 'file');
  if (fromFiles) {
    q.delete('data');
    q.delete('demo');
  } else if (!q.has('data')) {
    // Opened with no parameter (the demo): name it, or a reload would wait for local files.
    for (const s of sources) if (s.kind === 'url') q.append('data', s.url);
  }
  q.set('ds', summary.fingerprint);
  const files = summary.files.map(baseName);
  const now = q.getAll('file');
  if (now.length !== files.length || now.some((f, k) => f !== files[k])) {
    q.delete('file');
    for (const f of files) q.append('file', f);
  }
  q.set('n', String(summary.numRows));
  return q.toString();
}
