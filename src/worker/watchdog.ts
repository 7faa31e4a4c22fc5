// Watches the worker from the page. A heartbeat is answered only between tasks, so an unanswered
// one means the worker is inside one long task (or gone): after BUSY_AFTER_MS the UI says so and
// offers to stop it. A long task is not killed on its own: the user decides.

export const HEARTBEAT_MS = 1000;
export const BUSY_AFTER_MS = 5000;

export type EngineStatus =
  | { state: 'ready' }
  /** A heartbeat sent at `since` (performance.now()) has not been answered. */
  | { state: 'busy'; since: number }
  | { state: 'failed'; reason: string }
  | { state: 'restarting'; files: string[] };

export class Watchdog {
  private sentAt: number | null = null;
  private status: EngineStatus = { state: 'ready' };
  private generation = 0;

  constructor(
    private readonly ping: () => Promise<unknown>,
    private readonly report: (s: EngineStatus) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Called every HEARTBEAT_MS: sends a heartbeat, or reports one that is overdue. */
  tick(): void {
    if (this.status.state === 'failed' || this.status.state === 'restarting') return;
    const now = this.now();
    if (this.sentAt === null) {
      this.sentAt = now;
      const gen = this.generation;
      this.ping().then(
        () => gen === this.generation && this.answered(),
        (err: unknown) => gen === this.generation && this.fail(reasonOf(err)),
      );
    } else if (now - this.sentAt >= BUSY_AFTER_MS && this.status.state !== 'busy') {
      this.set({ state: 'busy', since: this.sentAt });
    }
  }

  fail(reason: string): void {
    this.set({ state: 'failed', reason });
  }

  /** A new worker replaces the old one: answers meant for the old one are ignored. */
  restarted(files: string[]): void {
    this.generation++;
    this.sentAt = null;
    this.set({ state: 'restarting', files });
  }

  /** The new worker has reopened the data (or there was none to reopen). */
  recovered(): void {
    this.set({ state: 'ready' });
  }

  private answered(): void {
    this.sentAt = null;
    if (this.status.state === 'busy') this.set({ state: 'ready' });
  }

  private set(s: EngineStatus): void {
    this.status = s;
    this.report(s);
  }
}

export function reasonOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof ErrorEvent !== 'undefined' && err instanceof ErrorEvent)
    return err.message || 'the worker failed to start';
  return String(err);
}
