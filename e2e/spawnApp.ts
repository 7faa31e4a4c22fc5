// The terminal commands the specs run (`npm start -- files…`, `npm run serve -- files…`) on the
// build the e2e web server just made; each child is killed after its test.
import { type ChildProcess, spawn } from 'node:child_process';
import { test } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
const dist = port === 4173 ? 'dist' : `.e2e-dist/${port}`;

/** Runs the command; resolves to the address it prints (rejects with its output if it exits
 * first). `stop` kills the running one and waits until it has exited. */
export interface Command {
  (...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** `node <script> --no-open <defaults(args)> <args>` as a Command. Call at a spec's top. */
export function commandOf(
  script: string,
  defaults: (args: string[]) => string[] = () => [],
): Command {
  let child: ChildProcess | null = null;
  test.afterEach(() => {
    child?.kill();
    child = null;
  });
  const run = (...args: string[]): Promise<string> => {
    child = spawn('node', [script, '--no-open', ...defaults(args), ...args], {
      env: { ...process.env, WORKBENCH_DIST: dist },
    });
    return new Promise((resolve, reject) => {
      let out = '';
      child!.stderr!.on('data', (d) => (out += String(d)));
      child!.stdout!.on('data', (d) => {
        out += String(d);
        const m = /http:\/\/127\.0\.0\.1:\d+\/\S+/.exec(out);
        if (m) resolve(m[0]);
      });
      child!.on('exit', (code) => reject(new Error(`${script} exited ${code}: ${out}`)));
    });
  };
  const stop = async () => {
    const old = child;
    if (!old) return;
    old.kill();
    if (old.exitCode === null && old.signalCode === null)
      await new Promise((r) => old.once('exit', r));
  };
  return Object.assign(run, { stop });
}
