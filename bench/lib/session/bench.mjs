// A scripted session in the app per size: cohort edits (cohort-update), scrolling the rows table
// (table-scroll-fps), panning the map (map-pan-fps), and long tasks over all of it.
/* global window */
import { layout, SIZES } from '../../generate.mjs';
import { waitForQuiet } from '../machine.mjs';
import { log } from '../util.mjs';
import { appPage, longTasksBetween, openInApp, pageNow } from './measure.mjs';
import { installSessionProbe } from './probe.mjs';
import { recordSession } from './record.mjs';
import { cohortEdits, mapPan, tableScroll } from './steps.mjs';

export async function benchSession(browser, appUrl, size, opts, record) {
  const rows = SIZES[size];
  const { context, page, why } = await appPage(browser);
  const quiet = await waitForQuiet(`session ${size}`);
  const phase = { edits: null, scroll: null, pan: null };
  const fail = (what, err) => {
    const reason = `${what}: ${why(err)}`;
    log(`session ${size} ${reason}`);
    return reason;
  };
  const step = async (what, fn) => {
    try {
      return await fn(page, size, opts);
    } catch (err) {
      return { failed: fail(what, err) };
    }
  };
  try {
    await openInApp(page, appUrl, size);
    await page.evaluate(installSessionProbe);
    const session0 = await pageNow(page);
    // When each part began (ms after session0), to say which part a session long task fell in,
    // opening its view included.
    phase.starts = [];
    const begin = async (part) => phase.starts.push({ part, at: (await pageNow(page)) - session0 });
    await begin('making and editing a cohort');
    phase.edits = await step('cohort-update', cohortEdits);
    const wants = (run) => opts.only.includes(run) || opts.only.includes('long-tasks');
    if (wants('table-scroll-fps')) {
      await begin('opening the Rows view and scrolling');
      phase.scroll = await step('table-scroll-fps', tableScroll);
    }
    // The 10M file has no embedding (bench/generate.mjs), so there is no map to pan.
    if (wants('map-pan-fps') && layout(rows).embedding) {
      await begin('opening the Map and panning');
      phase.pan = await step('map-pan-fps', mapPan);
    }
    const s = await page.evaluate(() => window.__session);
    phase.all = longTasksBetween(s, session0, await pageNow(page));
  } catch (err) {
    phase.failed = fail('open', err);
  } finally {
    await context.close().catch(() => {});
  }
  recordSession(phase, quiet, size, opts, record);
}
