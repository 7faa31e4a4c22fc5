import { useEffect, useState } from 'react';
import type { Field, FieldProfile } from '../../protocol';
import { client } from '../../worker/client';
import { useDataset } from '../../state/datasetStore';

/** A field's distribution from the worker; refetched when the field, search or roles change. */
export function useProfile(field: Field, search = ''): FieldProfile | null {
  const analysis = useDataset((s) => s.analysis);
  const key = JSON.stringify(field);
  const [state, setState] = useState<{ key: string; profile: FieldProfile } | null>(null);
  const want = `${key}|${search}`;
  useEffect(() => {
    let live = true;
    const t = setTimeout(
      () => {
        client
          .profile(JSON.parse(key) as Field, search)
          .then((profile) => live && setState({ key: want, profile }))
          .catch(
            (err: unknown) =>
              live && setState({ key: want, profile: { kind: 'none', reason: String(err) } }),
          );
      },
      search ? 150 : 0,
    );
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key, search, want, analysis]);
  return state && state.key === want ? state.profile : null;
}
