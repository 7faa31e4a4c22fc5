// Finds a system Chromium for Playwright (its own browser download does not work on these
// machines). Order: $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser.
// As root on Debian it installs the `chromium` package; otherwise it stops with one line
// saying what to install. Prints the path it found so other scripts can reuse it.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Keep Chromium off the closed network of these machines (see the shared toolchain notes). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function findChromium() {
  return candidates.find((p) => p && existsSync(p));
}

function tryInstall() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return false;
  console.error('Chromium not found: installing it with apt-get (Debian package "chromium")…');
  try {
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      {
        stdio: 'inherit',
      },
    );
    return true;
  } catch {
    return false;
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  let found = findChromium();
  if (!found && tryInstall()) found = findChromium();
  if (!found) {
    console.error(
      'No Chromium found: install it (Debian: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to its binary.',
    );
    process.exit(1);
  }
  console.log(`Using Chromium at ${found}`);
}
