import { formatPercent } from '../../ui/format';
import { formatValue } from '../../ui/formatCell';
import type { VersionDetail } from '../../protocol';
import { ProbBars } from './ProbBars';
import type { FoundRow } from './types';

function Verdict({ v }: { v: VersionDetail }) {
  if (v.correct === null) return <span className="verdict unknown">no label to judge</span>;
  return v.correct ? (
    <span className="verdict correct">✓ correct</span>
  ) : (
    <span className="verdict wrong">✗ wrong</span>
  );
}

function VersionCard({ v, d }: { v: VersionDetail; d: FoundRow }) {
  const regression = d.task === 'regression';
  return (
    <li className="version-card">
      <h4>
        {v.name}: {regression ? 'predicted' : 'predicted class'}{' '}
        <strong>
          {regression ? (v.yhat === null ? '–' : formatValue(v.yhat)) : (v.predicted ?? '–')}
        </strong>{' '}
        {!regression && <Verdict v={v} />}
      </h4>
      {v.score !== null && d.task === 'binary' && (
        <p className="score-line">
          Score {formatPercent(v.score)} (probability of “{d.positiveClass}”)
        </p>
      )}
      {v.top.length > 0 && (
        <ProbBars
          top={v.top}
          predicted={v.predicted}
          label={d.label}
          caption={`${v.name}: most likely classes`}
        />
      )}
    </li>
  );
}

/** The label, each version's prediction with its top probabilities, and the flips in words. */
export function OutcomeSection({ d }: { d: FoundRow }) {
  return (
    <section aria-labelledby="detail-outcome">
      <h3 id="detail-outcome">Outcome</h3>
      <p>
        Label: <strong>{d.label ?? 'none'}</strong>
      </p>
      {d.flips.length > 0 && (
        <ul className="flips" aria-label="Between versions">
          {d.flips.map((f) => (
            <li key={`${f.from}-${f.to}`} className={`flip ${f.kind}`}>
              <span className="flip-pair">
                {f.from} → {f.to}:
              </span>{' '}
              {f.sentence}
            </li>
          ))}
        </ul>
      )}
      {d.versions.length === 0 && <p className="note">No model version is mapped yet.</p>}
      <ul className="version-cards">
        {d.versions.map((v) => (
          <VersionCard key={v.name} v={v} d={d} />
        ))}
      </ul>
    </section>
  );
}
