// The mapping of columns to meaning: serializable, editable by the user, remembered per dataset.

export type Task = 'binary' | 'multiclass' | 'regression';

export interface VersionRoles {
  name: string;
  /** Predicted class (classification) or predicted value (regression). */
  prediction: string | null;
  /** Binary: probability of the positive class. */
  score: string | null;
  /** Class probabilities as one vector column (list / fixed-size list). */
  probabilities: string | null;
  /** Class probabilities as one column per class, in class order. */
  classColumns: string[];
}

export interface RoleMapping {
  id: string | null;
  label: string | null;
  task: Task;
  /** Binary task: the class that scores are the probability of. */
  positiveClass: string | null;
  versions: VersionRoles[];
  embeddings: string[];
  coords: [string, string] | null;
  /** Columns the user chose to leave out of features. */
  ignored: string[];
  /**
   * What a row is, as people see it: images (encoded bytes, raw pixels, `data:`/http URLs) and
   * texts. Optional because mappings saved before these roles existed lack them.
   */
  images?: string[];
  texts?: string[];
}

export function emptyVersion(name: string): VersionRoles {
  return { name, prediction: null, score: null, probabilities: null, classColumns: [] };
}

/** Every column a version uses. */
export function versionColumns(v: VersionRoles): string[] {
  return [v.prediction, v.score, v.probabilities, ...v.classColumns].filter(
    (c): c is string => !!c,
  );
}

/** Every column the mapping gives a role (ignored columns included). */
export function roleColumns(m: RoleMapping): string[] {
  return [
    ...(m.id ? [m.id] : []),
    ...(m.label ? [m.label] : []),
    ...m.versions.flatMap(versionColumns),
    ...m.embeddings,
    ...(m.coords ?? []),
    ...m.ignored,
    ...(m.images ?? []),
    ...(m.texts ?? []),
  ];
}

/** Columns that are features: everything without another role. */
export function featureColumns(all: string[], m: RoleMapping): string[] {
  const used = new Set(roleColumns(m));
  return all.filter((c) => !used.has(c));
}
