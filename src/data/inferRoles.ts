import type { ColumnInfo } from './types';
import { type RoleMapping, type Task, type VersionRoles, emptyVersion } from '../shared/roles';
import {
  ID_NAME,
  LABEL_NAME,
  PREDICTION_WORDS,
  PROBS_WORDS,
  SCORE_WORDS,
  splitVersioned,
} from './names';
import { rolesFromMetadata } from './metadataRoles';
import { inferInstances } from './inferInstances';

const PER_CLASS = /^(probs?|proba|probability|p|score)[_-](?:(.+)[_-])?([^_-]+)$/i;
const COORD_PREFIXES =
  /^(umap|tsne|t_sne|pca|proj|projection|coord|coords|xy|layout|map|emb|embedding)$/i;

function unitInterval(c: ColumnInfo): boolean {
  return c.min !== null && c.max !== null && c.min >= 0 && c.max <= 1;
}

function pick(
  infos: ColumnInfo[],
  test: (c: ColumnInfo) => boolean,
  exact?: string,
): string | null {
  const exactHit = exact ? infos.find((c) => c.name.toLowerCase() === exact && test(c)) : undefined;
  return (exactHit ?? infos.find(test))?.name ?? null;
}

/** A pair of numeric columns that look like a 2-D layout: x/y, umap_x/umap_y, tsne_1/tsne_2, pca_0/pca_1. */
function findCoords(infos: ColumnInfo[], taken: Set<string>): [string, string] | null {
  const numeric = infos.filter((c) => c.kind === 'numeric' && !taken.has(c.name));
  const has = (name: string) =>
    numeric.find((c) => c.name.toLowerCase() === name.toLowerCase())?.name;
  for (const c of numeric) {
    const m = /^(?:(.*?)([_-]))?(x|0|1)$/i.exec(c.name);
    if (!m) continue;
    const [, prefix = '', sep = '', axis] = m;
    if (prefix ? !COORD_PREFIXES.test(prefix) : axis!.toLowerCase() !== 'x') continue;
    const yAxis = axis!.toLowerCase() === 'x' ? 'y' : String(Number(axis) + 1);
    const y = has(`${prefix}${sep}${yAxis}`);
    if (y) return [c.name, y];
  }
  return null;
}

function inferTask(
  label: ColumnInfo | undefined,
  versions: VersionRoles[],
  infos: ColumnInfo[],
): Task {
  const hasScore = versions.some((v) => v.score);
  const pred = infos.find((c) => versions.some((v) => v.prediction === c.name));
  if (label) {
    // Many distinct integers look like a count, unless the predictions are integer classes or
    // come with class probabilities (1,000 ImageNet-style classes are still classes).
    const intPred = pred?.kind === 'numeric' && /^u?int/i.test(pred.arrowType);
    const hasProbs = versions.some((v) => v.probabilities || v.classColumns.length > 0);
    const manyInts = (label.distinct ?? 0) > 50 && !intPred && !hasProbs;
    const continuous = label.kind === 'numeric' && (!label.integral || manyInts);
    if (continuous && (!pred || pred.kind === 'numeric')) return 'regression';
    if (label.kind === 'boolean' || label.distinct === 2 || (label.distinct === 1 && hasScore))
      return 'binary';
    return 'multiclass';
  }
  if (hasScore) return 'binary';
  return pred?.kind === 'numeric' && !pred.integral ? 'regression' : 'multiclass';
}

/** Guesses roles from names, types and value ranges; schema metadata wins where present. */
export function inferRoles(
  infos: ColumnInfo[],
  metadata: Record<string, string>,
  idHint: string | null,
): RoleMapping {
  const fromMeta = rolesFromMetadata(metadata, infos);
  if (fromMeta) return { ...inferInstances(infos), ...fromMeta };

  const idOk = (c: ColumnInfo) => c.kind === 'string' || (c.kind === 'numeric' && c.integral);
  const id = idHint ?? pick(infos, (c) => ID_NAME.test(c.name) && idOk(c), 'id');
  const label = pick(
    infos,
    (c) => LABEL_NAME.test(c.name) && c.kind !== 'vector' && c.name !== id,
    'label',
  );
  const labelInfo = infos.find((c) => c.name === label);
  const taken = new Set([id, label].filter((x): x is string => !!x));
  const { images, texts } = inferInstances(infos.filter((c) => !taken.has(c.name)));
  [...images, ...texts].forEach((c) => taken.add(c));
  const versions = new Map<string, VersionRoles>();
  const versionOf = (raw: string) => {
    const name = raw || 'model';
    if (!versions.has(name)) versions.set(name, emptyVersion(name));
    return versions.get(name)!;
  };

  // Per-class probability columns (prob_v1_cat, prob_v1_dog, …): need ≥ 2 siblings.
  const perClass = new Map<string, ColumnInfo[]>();
  for (const c of infos) {
    if (taken.has(c.name) || c.kind !== 'numeric' || !unitInterval(c)) continue;
    const m = PER_CLASS.exec(c.name);
    if (m && m[2] !== undefined) perClass.set(m[2], [...(perClass.get(m[2]) ?? []), c]);
  }
  for (const [ver, cols] of perClass) {
    if (cols.length < 3 && !(labelInfo && labelInfo.distinct === cols.length)) continue;
    versionOf(ver).classColumns = cols.map((c) => c.name);
    cols.forEach((c) => taken.add(c.name));
  }

  for (const c of infos) {
    if (taken.has(c.name)) continue;
    const probs = c.kind === 'vector' ? splitVersioned(c.name, PROBS_WORDS) : null;
    if (probs && (c.dim ?? 0) >= 2) {
      versionOf(probs.version).probabilities = c.name;
      taken.add(c.name);
      continue;
    }
    if (c.kind === 'vector' || c.kind === 'timestamp') continue;
    const pred = splitVersioned(c.name, PREDICTION_WORDS);
    if (pred && !versionOf(pred.version).prediction) {
      versionOf(pred.version).prediction = c.name;
      taken.add(c.name);
      continue;
    }
    const score =
      c.kind === 'numeric' && unitInterval(c) ? splitVersioned(c.name, SCORE_WORDS) : null;
    if (score && !versionOf(score.version).score) {
      versionOf(score.version).score = c.name;
      taken.add(c.name);
    }
  }
  const found = [...versions.values()].filter(
    (v) => v.prediction || v.score || v.probabilities || v.classColumns.length,
  );
  const embeddings = infos
    .filter((c) => c.kind === 'vector' && !taken.has(c.name) && (c.dim ?? 0) >= 3)
    .map((c) => c.name);
  embeddings.forEach((e) => taken.add(e));
  const coords = findCoords(infos, taken);
  const task = inferTask(labelInfo, found, infos);
  return {
    id,
    label,
    task,
    positiveClass: null,
    versions: found,
    embeddings,
    coords,
    ignored: [],
    images,
    texts,
  };
}
