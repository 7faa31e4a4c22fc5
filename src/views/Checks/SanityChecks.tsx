import type { RoleMapping } from '../../shared/roles';
import { useDataset } from '../../state/datasetStore';
import type { SanityFix } from '../../protocol';
import { unmatchedFiles } from './joinCheck';

function applyFix(roles: RoleMapping, fix: SanityFix): RoleMapping {
  if (fix.kind === 'positive-class') return { ...roles, positiveClass: fix.positiveClass };
  return {
    ...roles,
    versions: roles.versions.map((v) => (v.name === fix.version ? { ...v, prediction: null } : v)),
  };
}

/** Signs that the numbers below mean something else than they say, each with its fix. */
export function SanityChecks() {
  const summary = useDataset((s) => s.summary);
  const sources = useDataset((s) => s.sources);
  const roles = useDataset((s) => s.roles);
  const analysis = useDataset((s) => s.analysis);
  const setRoles = useDataset((s) => s.setRoles);
  const open = useDataset((s) => s.open);
  if (!summary || !roles) return null;
  const checks = analysis?.checks ?? [];
  const stray = unmatchedFiles(summary);
  if (checks.length === 0 && stray.length === 0) return null;
  const nameOf = (s: (typeof sources)[number]) => (s.kind === 'file' ? s.file.name : s.url);
  return (
    <section className="banner" role="region" aria-label="Checks">
      <ul>
        {stray.length > 0 && (
          <li>
            {stray.join(', ')} {stray.length === 1 ? 'shares' : 'share'} no ids with{' '}
            {summary.files.filter((f) => !stray.includes(f)).join(', ')}: are these one dataset?
            Open a file alone:{' '}
            {sources.map((s) => (
              <button
                key={nameOf(s)}
                type="button"
                className="button"
                onClick={() => void open([s])}
              >
                Open {nameOf(s).split('/').pop()} alone
              </button>
            ))}
          </li>
        )}
        {checks.map((c) => (
          <li key={c.message}>
            {c.message}{' '}
            {c.fix && (
              <button
                type="button"
                className="button"
                onClick={() => void setRoles(applyFix(roles, c.fix!))}
              >
                {c.fix.label}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
