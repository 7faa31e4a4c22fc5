// Whether the page is waiting for Compare's intervals right now: a `compare` request with
// resamples in flight, sent since the page last left Compare. While it is, Compare's bootstrap is
// what the person waits for (it runs at full speed, on two threads); otherwise it is background
// work that gives way to every request and leaves the second core to the page (intervals.ts).
// Requests sent before `leaveCompare` no longer count: their answers go to a view that is gone.

let epoch = 0;
let waits = 0;

/** A request for intervals started; call the function returned when it is answered. */
export function waitingStarted(): () => void {
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
}

export function pageWaits(): boolean {
  return waits > 0;
}
