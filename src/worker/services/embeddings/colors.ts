import type { Column } from '../../../data/types';
import type { OpenDataset } from '../../session/dataset';
import type { ColorBy, PointColors } from '../../../protocol';
import {
  categorical,
  FLIP_NAMES,
  flipRaw,
  outcomeRaw,
  sequential,
  twoWay,
} from '../../../shared/colorCodes';

function columnColors(col: Column): PointColors {
  switch (col.kind) {
    case 'string':
      return categorical(col.codes, col.dictionary, col.name);
    case 'boolean':
      return categorical(
        Int32Array.from(col.values, (v) => (v === 2 ? -1 : v)),
        ['false', 'true'],
        col.name,
      );
    case 'numeric':
      return sequential(col.values, col.name, false);
    case 'timestamp':
      return sequential(col.values, col.name, true);
    case 'vector':
    case 'binary':
      throw new Error(`"${col.name}" holds ${col.kind} values; colour by another column`);
  }
}

/** Per-row colour codes and the legend for one colouring of the map. */
export function colorCodes(d: OpenDataset, by: ColorBy, mask: Uint8Array | null): PointColors {
  const ev = d.ev;
  const version = (name: string) => {
    const v = ev?.versions.find((x) => x.name === name);
    if (!v?.pred) throw new Error(`version "${name}" has no class predictions`);
    return v.pred;
  };
  switch (by.kind) {
    case 'label':
      if (!ev?.label) throw new Error('this dataset has no class label');
      return categorical(ev.label, ev.classes, 'label');
    case 'predicted':
      return categorical(version(by.version), ev!.classes, `${by.version} prediction`);
    case 'outcome': {
      const l = ev!.label;
      if (!l) throw new Error('correct/wrong needs a label');
      const raw = outcomeRaw(version(by.version), l);
      return twoWay(raw, ['correct', 'wrong'], 'outcome', `${by.version} correct / wrong`);
    }
    case 'flip': {
      const l = ev!.label;
      if (!l) throw new Error('flips need a label');
      const raw = flipRaw(version(by.from), version(by.to), l);
      return twoWay(raw, FLIP_NAMES, 'flip', `${by.from} → ${by.to}`);
    }
    case 'cohort': {
      const raw = new Int32Array(d.n);
      if (mask) for (let i = 0; i < d.n; i++) raw[i] = mask[i] === 1 ? 0 : 1;
      return twoWay(raw, ['in the cohort', 'not in it'], 'cohort', 'active cohort');
    }
    case 'column': {
      const col = d.byName.get(by.name);
      if (!col) throw new Error(`there is no column "${by.name}"`);
      return columnColors(col);
    }
  }
}
