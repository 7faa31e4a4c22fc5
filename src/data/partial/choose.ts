// Which columns of an Arrow file the first view can do without. The Overview needs the id, the
// label and each version's outputs; role inference finds those by name (names.ts), so a column
// whose name could make it one of them is read at once, and so is any column whose summary
// (ColumnInfo) cannot be told from its type alone. The rest (features, embeddings) is deferred.
import { type DataType, type Field, Type } from 'apache-arrow';
import {
  ID_NAME,
  IMAGE_NAME,
  LABEL_NAME,
  PREDICTION_WORDS,
  PROBS_WORDS,
  SCORE_WORDS,
  TEXT_NAME,
  VERSION_NAME,
  splitVersioned,
} from '../names';
import { pixelListShape } from '../arrowBinary';

const PER_CLASS = /^(probs?|proba|probability|p|score)[_-]/i;
const NUMERIC = new Set([Type.Int, Type.Float, Type.Decimal, Type.Time, Type.Duration]);

/** Could role inference, the id or the long-log check pick this column by its name? */
function roleLike(name: string, declared: Set<string>): boolean {
  return (
    declared.has(name) ||
    ID_NAME.test(name) ||
    LABEL_NAME.test(name) ||
    VERSION_NAME.test(name) ||
    PER_CLASS.test(name) ||
    IMAGE_NAME.test(name) ||
    TEXT_NAME.test(name) ||
    [PREDICTION_WORDS, SCORE_WORDS, PROBS_WORDS].some((w) => splitVersioned(name, w) !== null)
  );
}

/**
 * Types whose reading cannot fail on sound bytes and whose kind and shape the schema tells:
 * numbers, timestamps, booleans, dictionary-encoded strings, fixed-size lists of floats. Plain
 * strings stay eager (their values decide whether they are image URLs), as do variable lists
 * (their length is in the data) and everything rarer.
 */
function deferrableType(type: DataType, lists: boolean): boolean {
  const id = type.typeId;
  if (NUMERIC.has(id) || id === Type.Bool || id === Type.Timestamp || id === Type.Date) return true;
  if (id === Type.Dictionary) {
    const values = (type as unknown as { dictionary: DataType }).dictionary.typeId;
    return values === Type.Utf8 || values === Type.LargeUtf8 || values === Type.Utf8View;
  }
  // Parquet has no fixed-size list: its embeddings are lists, whose decoder checks the lengths.
  if (id === Type.FixedSizeList || (lists && (id === Type.List || id === Type.LargeList))) {
    const child = type.children[0]?.type as DataType | undefined;
    return !!child && child.typeId === Type.Float && pixelListShape(type) === null;
  }
  return false;
}

/** Column names declared in `workbench.roles` metadata (read at once, whatever they are). */
function declaredNames(metadata: Map<string, string>): Set<string> | null {
  const raw = metadata.get('workbench.roles');
  if (!raw) return new Set();
  const out = new Set<string>();
  try {
    JSON.stringify(JSON.parse(raw), (_k, v: unknown) => (typeof v === 'string' && out.add(v), v));
  } catch {
    return null;
  }
  return out;
}

/**
 * Indices of the columns to read after the dataset is interactive; empty when the file should
 * be read whole: no column is named like a label (the label is then inferred from the values of
 * every candidate), or nothing would be saved.
 */
export function deferredColumns(
  fields: readonly Field[],
  metadata: Map<string, string>,
  opts: { lists?: boolean } = {},
): number[] {
  const declared = declaredNames(metadata);
  if (!declared) return [];
  // Names the reader renames (empty, repeated) are matched by their final name: read whole.
  const names = fields.map((f) => f.name);
  if (names.some((n) => !n) || new Set(names).size !== names.length) return [];
  const hasRoles = metadata.has('workbench.roles');
  if (!hasRoles && !fields.some((f) => LABEL_NAME.test(f.name))) return [];
  const out: number[] = [];
  fields.forEach((f, i) => {
    if (!roleLike(f.name, declared) && deferrableType(f.type as DataType, !!opts.lists))
      out.push(i);
  });
  return out;
}

/**
 * Indices of the columns that are read at once whatever their types, by their names alone
 * (`deferredColumns` never defers them): a Parquet open starts reading their bytes before the
 * decoder has told it the types (parquetPartial.ts). Empty when nothing would be deferred.
 */
export function eagerByName(names: readonly string[], metadata: Map<string, string>): number[] {
  const declared = declaredNames(metadata);
  if (!declared || names.some((n) => !n) || new Set(names).size !== names.length) return [];
  if (!metadata.has('workbench.roles') && !names.some((n) => LABEL_NAME.test(n))) return [];
  return names.flatMap((n, i) => (roleLike(n, declared) ? [i] : []));
}
