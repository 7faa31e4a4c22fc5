import { useRef } from 'react';
import { useDataset } from '../../state/datasetStore';
import { canKeepFiles } from '../../state/fileHandles';
import { pickWithHandles } from './pickFiles';

/** The file picker: several files at once (one per model version, a features file, …). */
export function OpenFiles() {
  const open = useDataset((s) => s.open);
  const input = useRef<HTMLInputElement>(null);
  return (
    <label
      className="button primary"
      onClick={(e) => {
        // Chromium: the system picker gives handles a reload can reopen; elsewhere, the input.
        if (!canKeepFiles() || e.target === input.current) return;
        e.preventDefault();
        void pickWithHandles().then((picked) => {
          if (picked)
            void open(
              picked.files.map((file) => ({ kind: 'file', file })),
              picked.handles,
            );
        });
      }}
    >
      Open data files…
      <input
        ref={input}
        className="visually-hidden"
        type="file"
        multiple
        aria-label="Open data files"
        accept=".arrow,.arrows,.feather,.ipc,.parquet,.csv,.tsv,.gz,application/vnd.apache.arrow.file,application/vnd.apache.arrow.stream,text/csv"
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          void open(files.map((file) => ({ kind: 'file', file })));
          e.currentTarget.value = '';
        }}
      />
    </label>
  );
}
