import { create } from 'zustand';
import { type EngineStatus, client } from '../worker/client';
import { useCompare } from './compareStore';
import { useDataset } from './datasetStore';

interface EngineState {
  status: EngineStatus;
  /** Stops the worker, starts a new one and reopens the dataset with its roles and thresholds. */
  restart: () => Promise<void>;
}

export const useEngine = create<EngineState>((set) => ({
  status: { state: 'ready' },
  restart: async () => {
    const { sources, summary, roles } = useDataset.getState();
    client.restart(summary?.files ?? []);
    try {
      if (sources.length > 0 && roles) {
        // Token 0: the new worker has no other open; one the user starts meanwhile supersedes it.
        const reopened = await client.open(
          sources,
          () => {},
          0,
          useDataset.getState().columnsOfReopen(),
        );
        if (!reopened.summary) throw new Error(reopened.errors.map((e) => e.reason).join('; '));
        await client.setThresholds(useCompare.getState().thresholds);
        useDataset.setState({ analysis: await client.analyse(roles) });
      }
      client.recovered();
    } catch (err) {
      set({ status: { state: 'failed', reason: `reopening failed: ${String(err)}` } });
    }
  },
}));

/** Mirrors the worker's watchdog into the store (once, at start-up). */
export function watchEngine(): void {
  client.onStatus((status) => useEngine.setState({ status }));
}
