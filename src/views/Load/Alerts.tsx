import { useDataset } from '../../state/datasetStore';
import { Name } from '../../ui/Name';

/** Load and analysis errors, each naming its file; what was open stays open. */
export function Alerts() {
  const errors = useDataset((s) => s.errors);
  const dismiss = useDataset((s) => s.dismissErrors);
  if (errors.length === 0) return null;
  return (
    <div className="alert" role="alert">
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            {e.action ?? 'Could not open'}{' '}
            <strong>
              <Name text={e.fileName} />
            </strong>
            : {e.reason}
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
