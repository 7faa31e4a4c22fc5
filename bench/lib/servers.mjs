// Preview servers (vite preview), all killed at exit, also on error and on signals.
import { spawn } from 'node:child_process';
import { sleep } from './util.mjs';

const children = new Set();
export function startServer(args, cwd, port) {
  const child = spawn('npx', ['vite', 'preview', ...args, '--port', String(port), '--strictPort'], {
    cwd,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  children.add(child);
  child.on('exit', () => children.delete(child));
  return { child, stderr: () => stderr, url: `http://127.0.0.1:${port}` };
}

export async function waitForServer(server, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (server.child.exitCode !== null)
      throw new Error(`preview server exited: ${server.stderr().slice(-500)}`);
    try {
      const r = await fetch(server.url + '/');
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(200);
  }
  throw new Error(`preview server at ${server.url} did not start`);
}

export function killChildren() {
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  children.clear();
}
