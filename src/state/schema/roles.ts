import { type RoleMapping, type Task, type VersionRoles, roleColumns } from '../../shared/roles';
import { describe, isName, isObject, nameOrNull, own } from './fields';

const TASKS: Task[] = ['binary', 'multiclass', 'regression'];
const MAX_VERSIONS = 1000;
const MAX_LIST = 100_000;

function names(v: unknown, what: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > MAX_LIST || !v.every(isName))
    throw new Error(`${what} must be a list of column names`);
  return v;
}

function field(o: Record<string, unknown>, key: string, what: string): string | null {
  const v = nameOrNull(own(o, key));
  if (v === undefined)
    throw new Error(`${what}.${key} is ${describe(own(o, key))}, not a column name`);
  return v;
}

function version(v: unknown, i: number): VersionRoles {
  const what = `versions[${i}]`;
  if (!isObject(v)) throw new Error(`${what} is ${describe(v)}, not a version`);
  const name = own(v, 'name');
  if (!isName(name)) throw new Error(`${what} has no name`);
  return {
    name,
    prediction: field(v, 'prediction', what),
    score: field(v, 'score', what),
    probabilities: field(v, 'probabilities', what),
    classColumns: names(own(v, 'classColumns'), `${what}.classColumns`),
  };
}

/**
 * A role mapping from untrusted JSON, every field checked; throws an Error saying what is wrong.
 * With `hasColumn`, a mapping naming a column the dataset lacks is refused too.
 */
export function readRoles(v: unknown, hasColumn?: (name: string) => boolean): RoleMapping {
  if (!isObject(v)) throw new Error(`they are ${describe(v)}, not a mapping`);
  const task = TASKS.find((t) => t === own(v, 'task'));
  if (!task)
    throw new Error(`the task ${describe(own(v, 'task'))} is not one of ${TASKS.join(', ')}`);
  const rawVersions = own(v, 'versions');
  if (!Array.isArray(rawVersions) || rawVersions.length > MAX_VERSIONS)
    throw new Error('"versions" must be a list');
  const versions = rawVersions.map(version);
  if (new Set(versions.map((x) => x.name)).size !== versions.length)
    throw new Error('two versions have the same name');
  const coords = names(own(v, 'coords'), 'coords');
  if (coords.length !== 0 && coords.length !== 2) throw new Error('coords must name two columns');
  const m: RoleMapping = {
    id: field(v, 'id', 'roles'),
    label: field(v, 'label', 'roles'),
    task,
    positiveClass: field(v, 'positiveClass', 'roles'),
    versions,
    embeddings: names(own(v, 'embeddings'), 'embeddings'),
    coords: coords.length === 2 ? [coords[0]!, coords[1]!] : null,
    ignored: names(own(v, 'ignored'), 'ignored'),
  };
  // Instance roles are optional (mappings saved before they existed have none).
  const images = names(own(v, 'images'), 'images');
  const texts = names(own(v, 'texts'), 'texts');
  if (images.length) m.images = images;
  if (texts.length) m.texts = texts;
  if (hasColumn) {
    const missing = roleColumns(m).filter((c) => !hasColumn(c));
    if (missing.length)
      throw new Error(
        `they name columns this dataset lacks (${[...new Set(missing)].slice(0, 5).join(', ')})`,
      );
  }
  return m;
}
