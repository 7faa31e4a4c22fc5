import { useEffect, useState } from 'react';
import { useEngine } from '../../state/engineStore';

/** Whole seconds since `since` (performance.now()), ticking; mounted afresh for each `since`. */
function useSecondsSince(since: number): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(performance.now()), 1000);
    return () => window.clearInterval(t);
  }, []);
  return Math.max(0, Math.round((now - since) / 1000));
}

function Stop({ label }: { label: string }) {
  const restart = useEngine((s) => s.restart);
  return (
    <button type="button" className="button" onClick={() => void restart()}>
      {label}
    </button>
  );
}

const AFTER = 'Stopping restarts it and reopens the data with your roles, cohorts and settings.';

// No role="status" here: that role names the dataset's status line.
function Busy({ since }: { since: number }) {
  const seconds = useSecondsSince(since);
  return (
    <div className="alert notice" aria-live="polite">
      <span>
        The engine has been busy with one task for {seconds} s; the views wait for it. {AFTER}
      </span>
      <Stop label="Stop and restart" />
    </div>
  );
}

/** What the worker is up to when it is not answering: a long task, a failure, a restart. */
export function EngineStatus() {
  const status = useEngine((s) => s.status);
  switch (status.state) {
    case 'ready':
      return null;
    case 'busy':
      return <Busy key={status.since} since={status.since} />;
    case 'restarting':
      return (
        <div className="alert notice" aria-live="polite">
          Restarting the engine
          {status.files.length > 0 ? ` and reopening ${status.files.join(', ')}` : ''}…
        </div>
      );
    case 'failed':
      return (
        <div className="alert" role="alert">
          <span>
            The engine stopped: {status.reason}. {AFTER}
          </span>
          <Stop label="Restart the engine" />
        </div>
      );
  }
}
