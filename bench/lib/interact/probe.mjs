// Installed in the app's page (issue 15's interaction bench): long tasks, the last keystroke,
// clicks, and for watched elements the time of every change (MutationObserver stamps), so each
// step is timed inside the page with performance.now() and no polling from Node.
/* global window, document, MutationObserver, Element */
export function installInteractProbe() {
  const p = { longTasks: [], lastKey: 0, lastClick: 0, changes: {} };
  window.__interact = p;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) p.longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask' });
  document.addEventListener('keydown', () => (p.lastKey = performance.now()), { capture: true });
  document.addEventListener(
    'click',
    (e) => {
      if (e.target instanceof Element && e.target.closest('button'))
        p.lastClick = performance.now();
    },
    { capture: true },
  );
  // Every change anywhere: which watched selectors' text changed, and when.
  const texts = {};
  p.watch = (name, selector) => {
    p.changes[name] = [];
    texts[name] = document.querySelector(selector)?.textContent ?? null;
    p[`sel:${name}`] = selector;
  };
  new MutationObserver(() => {
    const t = performance.now();
    for (const name of Object.keys(p.changes)) {
      const now = document.querySelector(p[`sel:${name}`])?.textContent ?? null;
      if (now !== texts[name]) {
        texts[name] = now;
        p.changes[name].push({ t, text: now });
      }
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}
