import type { RoleMapping } from '../../shared/roles';
import { useWorkerQuery } from '../../state/query/useWorkerQuery';
import { client } from '../../worker/client';

type Classes = { classes: string[]; positiveClass: string | null };

/**
 * The classes of the mapping being edited, asked of the worker as the draft changes: choosing
 * another label changes the positive-class list at once, not after "Apply roles".
 */
export function useDraftClasses(draft: RoleMapping, applied: Classes | null): Classes | null {
  const request = [
    draft.label,
    draft.task,
    draft.positiveClass,
    draft.versions.map((v) => v.prediction),
  ];
  const { data, loading } = useWorkerQuery(request, () => client.classesOf(draft));
  return data && !loading ? data : applied;
}
