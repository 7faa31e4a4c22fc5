// The open-to-interactive probe, run inside the app's page (serialized by page.evaluate).
/* global window, document, MutationObserver, requestAnimationFrame */

/** Installed in the page before the file is chosen; everything is timed with performance.now(). */
export function installProbe({ rowsText }) {
  const b = {
    t0: null,
    done: null,
    painted: null,
    error: null,
    phases: {},
    longTasks: [],
  };
  window.__bench = b;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const input = document.querySelector('input[type=file]');
  input.addEventListener('change', () => (b.t0 = performance.now()), { capture: true });
  const check = () => {
    const now = performance.now();
    const progress = document.querySelector('section.progress')?.textContent ?? '';
    for (const p of ['Reading', 'Decoding', 'Joining', 'Analysing'])
      if (progress.startsWith(p) && !(p in b.phases)) b.phases[p] = now;
    const status = document.querySelector('[role=status]')?.textContent ?? '';
    if (status.includes(rowsText) && !('summary' in b.phases)) b.phases.summary = now;
    const alert = document.querySelector('[role=alert]');
    if (alert && !b.error) b.error = alert.textContent;
    const table = [...document.querySelectorAll('table')].find((t) =>
      /Headline metrics/.test(t.caption?.textContent ?? ''),
    );
    const cells = table ? [...table.querySelectorAll('tbody td.num')] : [];
    const filled = cells.length > 0 && cells.every((c) => /\d/.test(c.textContent ?? ''));
    if (b.done === null && status.includes(rowsText) && filled) {
      b.done = now;
      observer.disconnect();
      // After the next frame has been produced: the paint the user waits for.
      requestAnimationFrame(() => setTimeout(() => (b.painted = performance.now()), 0));
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
}
