// Naming conventions for role inference: what producers commonly call these columns.

export const ID_NAME =
  /^(id|row_?id|uid|uuid|key|example_?id|sample_?id|record_?id|customer_?id|user_?id|[a-z0-9]+_id)$/i;
export const LABEL_NAME =
  /^(label|labels|target|y|y_?true|truth|ground_?truth|gt|actual|true_?label|true_?class|class|outcome|gold|gold_?label)$/i;
export const VERSION_NAME =
  /^(model_?version|version|model|model_?name|model_?id|variant|run|checkpoint)$/i;

/** Version-specific column names: keyword with the version before or after it. */
export const PREDICTION_WORDS = [
  'prediction',
  'predicted',
  'pred',
  'y_pred',
  'yhat',
  'y_hat',
  'output',
];
export const SCORE_WORDS = ['score', 'probability', 'proba', 'prob', 'p'];
export const PROBS_WORDS = [
  'probabilities',
  'probas',
  'probs',
  'proba',
  'prob',
  'scores',
  'logits',
];
export const EMBEDDING_NAME =
  /(emb|embedding|embeddings|vector|vec|hidden|latent|representation|features?_vec)/i;
/** Columns that hold what a row is: its picture, or its words. */
export const IMAGE_NAME =
  /(^|[_\W])(image|images|img|imgs|pixels?|picture|photo|thumbnail)([_\W]|$)/i;
export const TEXT_NAME =
  /(^|[_\W])(text|texts|message|messages|review|reviews|comment|sentence|document|prompt)([_\W]|$)/i;
export const COORD_PAIRS: [RegExp, RegExp][] = [
  [/^(.*[_-])?x$/i, /^(.*[_-])?y$/i],
  [/^(.*[_-])?(0|1)$/i, /^(.*[_-])?(1|2)$/i],
];

/** Splits `pred_v1`, `v1_pred`, `prediction-v2`, `predv2` into keyword and version. */
export function splitVersioned(name: string, words: string[]): { version: string } | null {
  const lower = name.toLowerCase();
  for (const w of [...words].sort((a, b) => b.length - a.length)) {
    if (lower === w) return { version: '' };
    for (const sep of ['_', '-', '.', ' ']) {
      if (lower.startsWith(w + sep)) return { version: name.slice(w.length + 1) };
      if (lower.endsWith(sep + w)) return { version: name.slice(0, name.length - w.length - 1) };
    }
  }
  // A word between a subject and the version: churn_score_v1 → v1 (not for one-letter words,
  // which stand inside too many feature names).
  for (const w of words.filter((x) => x.length > 1)) {
    const m = new RegExp(`^[a-z0-9]+[_\\-. ]${w}[_\\-. ](.+)$`, 'i').exec(name);
    if (m) return { version: m[1]! };
  }
  return null;
}
