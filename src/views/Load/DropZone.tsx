import { type ReactNode, useEffect, useState } from 'react';
import { useDataset } from '../../state/datasetStore';
import { droppedHandles } from './pickFiles';

function hasFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
}

/** Files can be dropped anywhere on the page. */
export function DropZone({ children }: { children: ReactNode }) {
  const open = useDataset((s) => s.open);
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const dragOver = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      depth = 0;
      setOver(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      void droppedHandles(e.dataTransfer).then((handles) =>
        open(
          files.map((file) => ({ kind: 'file', file })),
          handles,
        ),
      );
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', dragOver);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', dragOver);
      window.removeEventListener('drop', drop);
    };
  }, [open]);
  return (
    <div className="app">
      {children}
      {over && (
        <div className="drop-overlay" aria-hidden="true">
          Drop Arrow, Parquet or CSV files to open them
        </div>
      )}
    </div>
  );
}
