// --cpu for bench/interact.mjs: a sampling CPU profile of the page's main thread over the
// Compare opening (Chromium's Profiler domain), cut into busy stretches (samples between idle
// ones); each stretch of ≥ 50 ms (a long task) is printed with the functions that took its time
// (self time, by function and source position), to find what a long task is made of.
export async function startCpu(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.detach().catch(() => {});
      return profile;
    },
  };
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

/** Busy stretches of ≥ `min` ms, each with its top functions by self time (and their callers). */
export function longStretches(profile, min = 50) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
  const stack = (id) => {
    const out = [];
    for (let k = id; k !== undefined; k = parent.get(k)) {
      const n = byId.get(k);
      if (n.callFrame.functionName === '(root)') break;
      out.push(name(n));
    }
    return out;
  };
  const out = [];
  let t = profile.startTime;
  let cur = null;
  const close = () => {
    if (cur && (cur.end - cur.start) / 1000 >= min) out.push(cur);
    cur = null;
  };
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i];
    const n = byId.get(id);
    const idle =
      IDLE.has(n.callFrame.functionName) && n.callFrame.functionName !== '(garbage collector)';
    if (idle) return close();
    cur ??= { start: t, end: t, self: new Map(), top: new Map() };
    const dt = profile.timeDeltas[i + 1] ?? 0;
    cur.end = t;
    const key = name(n);
    cur.self.set(key, (cur.self.get(key) ?? 0) + dt);
    // The outermost app frames: what the task was doing at the top.
    const s = stack(id).slice(-6).reverse().join(' > ');
    cur.top.set(s, (cur.top.get(s) ?? 0) + dt);
  });
  close();
  return out.map((c) => ({
    at_ms: Math.round((c.start - profile.startTime) / 1000),
    ms: Math.round((c.end - c.start) / 1000),
    self: [...c.self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([k, v]) => `${(v / 1000).toFixed(1)} ms ${k}`),
    stacks: [...c.top]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, v]) => `${(v / 1000).toFixed(1)} ms ${k}`),
  }));
}
