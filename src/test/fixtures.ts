import { readFileSync } from 'node:fs';
import { tableFromIPC, type Table } from 'apache-arrow';
import { registerCodecs } from '../data/codecs/register';
import type { CohortData } from '../engine/cohort/truth';

const DIR = new URL('../../e2e/data/', import.meta.url);

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, DIR)));
}

/** The same file read through arrow-js's row API: an independent path for expected values. */
export function fixtureTable(name: string): Table {
  registerCodecs();
  return tableFromIPC(fixtureBytes(name));
}

export function files(...names: string[]) {
  return names.map((name) => ({ name, bytes: fixtureBytes(name) }));
}

const CORPUS = new URL('../../e2e/data/corpus/', import.meta.url);

/** A file of the broken-input corpus (e2e/data/corpus, written by scripts/make-corpus.mjs). */
export function corpusBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, CORPUS)));
}

export function corpusManifest<T>(): T {
  return JSON.parse(readFileSync(new URL('manifest.json', CORPUS), 'utf8')) as T;
}

/** A string column of distinct digit-style ids (`digit-00000`, …), as cohort evaluation sees it. */
export function digitIds(n: number): CohortData {
  const dictionary = Array.from({ length: n }, (_, i) => `digit-${String(i).padStart(5, '0')}`);
  const column = {
    kind: 'string' as const,
    name: 'id',
    codes: Int32Array.from(dictionary.keys()),
    dictionary,
  };
  return {
    n,
    column: (name) => (name === 'id' ? column : undefined),
    label: null,
    classes: [],
    version: () => undefined,
    idKey: null,
  };
}
