// The scripted session's probe, run inside the app's page: long tasks, saves, marks, frames.
/* global window, document, Element, requestAnimationFrame */

/** Installed in the page once the file is open: long tasks, Save-cohort clicks, cohort marks. */
export function installSessionProbe() {
  const s = { longTasks: [], saves: [], updated: [], frames: null };
  window.__session = s;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) s.longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask' });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.name === 'wb:cohort-updated') s.updated.push(e.startTime);
  }).observe({ type: 'mark' });
  document.addEventListener(
    'click',
    (e) => {
      const b = e.target instanceof Element ? e.target.closest('button') : null;
      if (b && b.textContent?.trim() === 'Save cohort') s.saves.push(performance.now());
    },
    { capture: true },
  );
  // rAF counter, started and stopped around each fps window.
  s.startFrames = () => {
    const f = {
      n: 0,
      t0: performance.now(),
      t1: null,
      gaps: [],
      last: performance.now(),
      on: true,
    };
    const tick = (t) => {
      if (!f.on) return;
      f.n++;
      f.gaps.push(t - f.last);
      f.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    s.frames = f;
  };
  s.stopFrames = () => {
    const f = s.frames;
    f.on = false;
    f.t1 = performance.now();
    const gaps = f.gaps.slice(1).sort((a, b) => a - b);
    return {
      frames: f.n,
      ms: f.t1 - f.t0,
      fps: (f.n * 1000) / (f.t1 - f.t0),
      worst_gap_ms: gaps.length ? gaps[gaps.length - 1] : null,
      p95_gap_ms: gaps.length ? gaps[Math.floor(gaps.length * 0.95)] : null,
      over_50ms: gaps.filter((g) => g > 50).length,
    };
  };
}
