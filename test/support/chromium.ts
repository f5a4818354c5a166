import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * The browser every suite drives: Playwright's own where it is installed, else Debian's Chromium (Playwright
 * cannot download its own here); DVC_CHROMIUM overrides both. Undefined leaves the choice to Playwright.
 */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
function pickChromium(): string | undefined {
  if (process.env.DVC_CHROMIUM) return process.env.DVC_CHROMIUM;
  if (existsSync(chromium.executablePath())) return undefined;
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
}
export const chromiumExecutable: string | undefined = pickChromium();

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
