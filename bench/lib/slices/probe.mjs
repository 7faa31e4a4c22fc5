// The slice-finder probe, run inside the app's page: long tasks, "Find slices" clicks, results.
/* global window, document, Element, MutationObserver, requestAnimationFrame */

/** Installed in the page in the Slices view: long tasks, clicks on "Find slices", finished state. */
export function installSlicesProbe() {
  const p = { longTasks: [], runs: [], cur: null };
  window.__slices = p;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) p.longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask' });
  const view = () => document.querySelector('section.slices-view');
  const busy = () => !!view()?.querySelector('progress[aria-label="Slice search"]');
  const check = () => {
    const r = p.cur;
    if (!r || r.done !== null) return;
    const now = performance.now();
    const v = view();
    if (!v) return;
    if (busy()) {
      if (r.busyAt === null) r.busyAt = now;
      if (r.firstPartial === null && v.querySelector('table.slices')) r.firstPartial = now;
      return;
    }
    const alert = v.querySelector('[role=alert]');
    if (alert) {
      r.error = alert.textContent;
      r.done = now;
      return;
    }
    if (r.busyAt === null) return; // the click has not reached React yet
    const note = v.querySelector('.slices-note')?.textContent ?? '';
    const caption = v.querySelector('table.slices caption')?.textContent ?? '';
    // The note ends with the app's own "N.N s." only once the result is final.
    const finished =
      /slices tried/.test(note) && /\d s\.\s*$/.test(note) && !/\(so far\)/.test(caption);
    if (!finished) return;
    r.done = now;
    r.note = note;
    r.caption = caption;
    requestAnimationFrame(() => setTimeout(() => (r.painted = performance.now()), 0));
  };
  new MutationObserver(check).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  });
  document.addEventListener(
    'click',
    (e) => {
      const b = e.target instanceof Element ? e.target.closest('button') : null;
      if (b && b.textContent?.trim() === 'Find slices') {
        p.cur = {
          t0: performance.now(),
          busyAt: null,
          firstPartial: null,
          done: null,
          painted: null,
          error: null,
        };
        p.runs.push(p.cur);
      }
    },
    { capture: true },
  );
}
