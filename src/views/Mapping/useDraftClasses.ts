import { useEffect, useState } from 'react';
import type { RoleMapping } from '../../shared/roles';
import { client } from '../../worker/client';

type Classes = { classes: string[]; positiveClass: string | null };

/**
 * The classes of the mapping being edited, asked of the worker as the draft changes: choosing
 * another label changes the positive-class list at once, not after "Apply roles".
 */
export function useDraftClasses(draft: RoleMapping, applied: Classes | null): Classes | null {
  const key = JSON.stringify([draft.label, draft.task, draft.versions.map((v) => v.prediction)]);
  const [got, setGot] = useState<{ key: string; value: Classes } | null>(null);
  useEffect(() => {
    let live = true;
    client.classesOf(draft).then(
      (value) => live && setGot({ key, value }),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key names what matters in draft
  }, [key]);
  return got && got.key === key ? got.value : applied;
}
