import { existsSync } from 'node:fs';

/**
 * The browser every suite drives: Debian's Chromium where it exists (Playwright cannot download its own
 * here), Playwright's own elsewhere; DVC_CHROMIUM overrides both.
 */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const chromiumExecutable: string | undefined =
  process.env.DVC_CHROMIUM ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);

/** Flags for a sandboxed CI machine with no network beyond loopback: no background calls home, no GPU. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
