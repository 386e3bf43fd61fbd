// Where Chromium is: CHROMIUM_PATH, else the usual Debian and Chrome paths. Shared by the e2e tests and the bench.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable'
];

/**
 * The executable to launch; throws with install instructions when there is none.
 * @returns {string}
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found. On Debian or Ubuntu: `sudo apt-get update && sudo apt-get install -y chromium`. ' +
        'Elsewhere, point CHROMIUM_PATH at a Chrome or Chromium executable.'
    );
  }
  return found;
}
