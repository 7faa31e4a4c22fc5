import type { Source } from '../protocol';

export const DEMO_URL = 'demo/digits.arrow';
export const DEMOS = [
  { label: 'Handwritten digits (10 classes, embeddings)', url: 'demo/digits.arrow' },
  { label: 'US flights (binary delay score)', url: 'demo/flights.arrow' },
  { label: 'Spam e-mails (binary, texts)', url: 'demo/spam.arrow' },
];

/**
 * `?data=URL` (repeatable) opens those files; a link naming local files (`ds`) opens nothing;
 * no parameter opens the bundled demo.
 */
export function startupSources(search: string): Source[] {
  const params = new URLSearchParams(search);
  const urls = params.getAll('data').filter((u) => u.trim().length > 0);
  // A link (or a reload) for local files: nothing opens until the user opens them.
  if (params.has('ds') && !params.has('data')) return [];
  if (params.has('data') || params.get('demo') === 'none')
    return urls.map((url) => ({ kind: 'url', url }));
  return [{ kind: 'url', url: DEMO_URL }];
}
