import { useEffect, useRef } from 'react';
import { useDataset } from '../state/datasetStore';
import { startupSources } from '../state/startup';
import { Header } from '../views/Load/Header';
import { Alerts } from '../views/Load/Alerts';
import { EngineStatus } from '../views/Load/EngineStatus';
import { DropZone } from '../views/Load/DropZone';
import { LoadProgress } from '../views/Load/LoadProgress';
import { LinkPrompt } from '../views/Load/LinkPrompt';
import { CohortBar } from '../views/Cohorts/CohortBar';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { RowDetailDrawer } from '../views/RowDetail/RowDetailDrawer';
import { MainView } from './MainView';
import { useHeaderInset } from './useHeaderInset';
import { DataPrompt } from '../views/Load/DataPrompt';
import { unapprovedOrigins, useDataPrompt } from '../state/dataApproval';
import { LabelBanner } from '../views/Checks/LabelBanner';
import { SanityChecks } from '../views/Checks/SanityChecks';

let started = false;

/** The shell: layout only; each panel owns its behaviour. */
export function App() {
  const open = useDataset((s) => s.open);
  const header = useRef<HTMLDivElement>(null);
  useHeaderInset(header);
  useEffect(() => {
    // Once per page load, even when React runs effects twice in development.
    if (started) return;
    started = true;
    const sources = startupSources(window.location.search);
    // A link naming data on another site asks first (views/Load/DataPrompt).
    const foreign = unapprovedOrigins(sources, window.location.href);
    if (foreign.length) useDataPrompt.getState().ask(foreign, sources);
    else void open(sources);
  }, [open]);
  return (
    <DropZone>
      <div ref={header}>
        <Header />
      </div>
      <div className="workspace">
        <main className="main">
          <EngineStatus />
          <DataPrompt />
          <Alerts />
          <LoadProgress />
          <LinkPrompt />
          <LabelBanner />
          <SanityChecks />
          <ErrorBoundary name="Cohorts">
            <CohortBar />
          </ErrorBoundary>
          <MainView />
        </main>
        <ErrorBoundary name="Row detail">
          <RowDetailDrawer />
        </ErrorBoundary>
      </div>
    </DropZone>
  );
}
