// Saving files from the page: a Blob through a temporary link (no server, nothing uploaded), and
// the names exports get, so a folder of them says which dataset and day each came from.

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started reading the blob; free it after the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(text: string, fileName: string, type = 'application/json'): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

/** A file name part from any text: lower case, letters and digits, dashes between. */
export function fileSlug(title: string, fallback = 'chart'): string {
  const s = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 80) || fallback;
}

/** "<dataset>-<what>-<yyyy-mm-dd>.<ext>", the dataset named by its first file (local date). */
export function exportFileName(files: string[], what: string, ext: string, now = new Date()) {
  const first = (files[0] ?? '').replace(/\.[^.]*(\.gz)?$/i, '');
  const more = files.length > 1 ? `-and-${files.length - 1}-more` : '';
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `${fileSlug(first, 'dataset')}${more}-${what}-${day}.${ext}`;
}
