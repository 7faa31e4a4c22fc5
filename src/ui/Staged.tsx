import { type ReactNode, useEffect, useState } from 'react';

// Mounting every panel of a big view in one commit is one long task on the main thread (at 1M
// rows Compare's nine panels took 53–280 ms together: tables, SVG charts, their effects). Staged
// panels mount one per task instead, in page order, each after the one before it committed, so
// the browser paints and handles input between them and the worker receives the panels'
// requests in page order (the headline's first).

const queue: (() => void)[] = [];
let mounting = false;

function pump(): void {
  if (mounting) return;
  const next = queue.shift();
  if (!next) return;
  mounting = true;
  setTimeout(next, 0);
}

/** The previous staged panel committed: the next may mount. */
function committed(): void {
  mounting = false;
  pump();
}

/** Renders `children` from a later task than the page around it (see above). */
export function Staged({ children }: { children: ReactNode }) {
  const [on, setOn] = useState(false);
  useEffect(() => {
    if (on) return;
    let released = false;
    let gone = false;
    const go = () => {
      if (gone) return committed(); // unmounted while waiting: let the next one go
      released = true;
      setOn(true);
    };
    queue.push(go);
    pump();
    // Runs when the render with `on` commits, or when the panel goes before it could (a click
    // away in between): either way the next panel may mount, so the queue never stalls.
    return () => {
      gone = true;
      if (released) committed();
      const at = queue.indexOf(go);
      if (at >= 0) queue.splice(at, 1);
    };
  }, [on]);
  return on ? <>{children}</> : null;
}
