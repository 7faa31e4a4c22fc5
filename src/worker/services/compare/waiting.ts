// Whether the page is waiting for Compare's intervals right now: a `compare` request with
// resamples in flight, sent since the page last left Compare. While it is, Compare's bootstrap is
// what the person waits for (it runs at full speed, on two threads); otherwise it is background
// work that gives way to every request and leaves the second core to the page (intervals.ts).
// Requests sent before `leaveCompare` no longer count: their answers go to a view that is gone.

import { arrived, startingArrival } from '../../scheduler';

let epoch = 0;
let waits = 0;
/** Requests that had arrived when the page last left Compare. */
let leftAfter = 0;

/**
 * A request for intervals started (in its scheduler turn); call the function returned when it is
 * answered. One that arrived before the page left Compare (it waited in the queue) is not counted.
 */
export function waitingStarted(): () => void {
  if (startingArrival() <= leftAfter) return () => {};
  const mine = epoch;
  waits++;
  return () => {
    if (mine === epoch) waits--;
  };
}

/** The page left Compare. */
export function leftCompare(): void {
  epoch++;
  waits = 0;
  leftAfter = arrived();
}

export function pageWaits(): boolean {
  return waits > 0;
}
