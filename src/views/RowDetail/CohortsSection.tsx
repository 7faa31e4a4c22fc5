import { cohortFromSelection, useCohorts } from '../../state/cohortStore';
import type { FoundRow } from './types';

/** The saved cohorts this row belongs to, and the action that makes a cohort of it. */
export function CohortsSection({ d }: { d: FoundRow }) {
  const cohorts = useCohorts((s) => s.cohorts);
  const name = (id: string) => cohorts.find((c) => c.id === id)?.name ?? id;
  const member = d.cohorts.filter((c) => c.member);
  const broken = d.cohorts.filter((c) => c.error);
  return (
    <section aria-labelledby="detail-cohorts">
      <h3 id="detail-cohorts">Cohorts</h3>
      {d.cohorts.length === 0 ? (
        <p className="note">No saved cohorts yet.</p>
      ) : member.length === 0 ? (
        <p>In none of the {d.cohorts.length} saved cohorts.</p>
      ) : (
        <ul className="cohort-chips" aria-label="Cohorts this row belongs to">
          {member.map((c) => (
            <li key={c.id}>{name(c.id)}</li>
          ))}
        </ul>
      )}
      {broken.length > 0 && (
        <p className="note">
          Could not check {broken.map((c) => `“${name(c.id)}” (${c.error})`).join(', ')}.
        </p>
      )}
      {d.id !== null ? (
        <button
          type="button"
          className="button"
          onClick={() => cohortFromSelection(`Row ${d.id}`, { op: 'ids', ids: [d.id!] })}
        >
          Make a cohort of this row
        </button>
      ) : (
        <p className="note">This row has no id, so it cannot be saved as a cohort.</p>
      )}
    </section>
  );
}
