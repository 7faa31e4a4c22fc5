import { OpenFiles } from './OpenFiles';
import { StatusLine } from './StatusLine';
import { DEMOS } from '../../state/startup';
import { ViewSwitch } from './ViewSwitch';
import { FindRow } from '../Rows/FindRow';
import { ResetSaved } from './ResetSaved';

export function Header() {
  return (
    <header className="header">
      <h1 className="brand">Model Workbench</h1>
      <OpenFiles />
      <nav className="demos" aria-label="Demo datasets">
        {DEMOS.map((d) => (
          <a key={d.url} href={`?data=${encodeURIComponent(d.url)}`}>
            {d.label}
          </a>
        ))}
      </nav>
      <ViewSwitch />
      <FindRow />
      {/* Together, so a narrow window wraps them as one group and the button never sits alone. */}
      <div className="header-end">
        <StatusLine />
        <ResetSaved />
      </div>
    </header>
  );
}
