import { approveOrigins, useDataPrompt } from '../../state/dataApproval';
import { useDataset } from '../../state/datasetStore';
import { Name } from '../../ui/Name';

const hostOf = (origin: string) => (origin === 'null' ? 'a non-web address' : new URL(origin).host);

/**
 * A link that names data on another site asks before fetching it: the fetch tells that site
 * this browser's address and that the link was opened. The answer is remembered per origin.
 */
export function DataPrompt() {
  const pending = useDataPrompt((s) => s.pending);
  const close = useDataPrompt((s) => s.close);
  const open = useDataset((s) => s.open);
  if (!pending) return null;
  const hosts = pending.origins.map(hostOf);
  return (
    <section className="panel data-prompt" role="dialog" aria-labelledby="data-prompt-title">
      <h2 id="data-prompt-title">
        Load data from <Name text={hosts.join(', ')} />?
      </h2>
      <p>
        This link asks to fetch{' '}
        {pending.sources.length === 1 ? 'a file' : `${pending.sources.length} files`} from another
        site. Fetching tells that site your address and that you opened the link; the data itself
        stays in this browser.
      </p>
      <ul>
        {pending.sources.map((s) => (
          <li key={s.kind === 'url' ? s.url : s.file.name}>
            <code>
              <Name text={s.kind === 'url' ? s.url : s.file.name} />
            </code>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button primary"
        onClick={() => {
          approveOrigins(pending.origins);
          close();
          void open(pending.sources);
        }}
      >
        Load
      </button>{' '}
      <button type="button" className="button" onClick={close}>
        Don’t load
      </button>
    </section>
  );
}
