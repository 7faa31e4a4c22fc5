import type { Field, FieldProfile } from '../../protocol';
import { client } from '../../worker/client';
import { useWorkerQuery } from '../../state/query/useWorkerQuery';

/** A field's distribution from the worker; refetched when the field, search or roles change. */
export function useProfile(field: Field, search = ''): FieldProfile | null {
  const q = useWorkerQuery({ field, search }, () => client.profile(field, search), {
    delay: search ? 150 : 0,
    keepPrevious: false,
  });
  return q.error ? { kind: 'none', reason: q.error } : q.data;
}
