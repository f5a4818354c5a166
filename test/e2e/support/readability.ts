import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

/**
 * The two windows every screen is checked in: a 1366×768 kiosk screen, and the same at 200% zoom, which
 * Chromium lays out as a viewport of half the CSS width and height (the scale factor only sharpens pixels).
 */
export const WINDOWS = {
  '1366×768': { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 },
  '200% zoom': { viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 },
} as const;

export async function kioskContext(
  browser: Browser,
  window: keyof typeof WINDOWS,
  language: string,
): Promise<BrowserContext> {
  const context = await browser.newContext(WINDOWS[window]);
  await context.addInitScript((lng) => localStorage.setItem('dvc-kiosk.language', lng), language);
  return context;
}

/** The browser's default font size setting, as a person sets it in Chromium's appearance settings. */
export async function setDefaultFontSize(page: Page, px: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: px, fixed: Math.round(px * 0.8) } });
}

/**
 * axe-core on the page: no violation. Colour-contrast items axe cannot decide itself ("incomplete") are
 * resolved here as by hand: a symbol-only element (an arrow, a status icon) that axe cannot judge must be
 * decorative (aria-hidden) and drawn in its parent's colour, whose text axe did check; any other
 * undecided item fails, to be looked at by a person.
 */
export async function expectNoAxeFindings(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const describe = (items: typeof results.violations) =>
    items.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`));
  expect(describe(results.violations), `${what}: axe violations`).toEqual([]);
  const undecided = results.incomplete.filter((i) => i.id === 'color-contrast').flatMap((i) => i.nodes);
  const unresolved: string[] = [];
  for (const node of undecided) {
    const selector = node.target.join(' ');
    const symbolOnly = node.any.some(
      (check) => (check.data as { messageKey?: string } | null)?.messageKey === 'nonBmp',
    );
    const asParent = await page
      .locator(selector)
      .first()
      .evaluate((el) => {
        const parent = el.parentElement!;
        return (
          el.closest('[aria-hidden="true"]') !== null &&
          getComputedStyle(el).color === getComputedStyle(parent).color &&
          (parent.textContent ?? '').trim() !== (el.textContent ?? '').trim()
        );
      });
    if (!symbolOnly || !asParent) unresolved.push(`${selector} — ${node.failureSummary ?? ''}`);
  }
  expect(unresolved, `${what}: colour contrast axe could not decide`).toEqual([]);
}

/** What a person notices at a large size: the header leaves most of the screen, nothing runs off it. */
export async function expectReadableLayout(page: Page, what: string): Promise<void> {
  const layout = await page.evaluate(() => {
    const header = document.querySelector('[data-testid="app-header"]')!.getBoundingClientRect();
    const overflowing = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 1 && r.height > 1 && r.right > window.innerWidth + 1;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    const small = [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 || r.width < 44)
      .map(
        ({ el, r }) =>
          `${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.width)}×${Math.round(r.height)}`,
      );
    return {
      headerShare: header.height / window.innerHeight,
      pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
      overflowing,
      small,
    };
  });
  expect(layout.headerShare, `${what}: header share of the screen`).toBeLessThanOrEqual(0.25);
  expect(layout.pageOverflow, `${what}: sideways scrolling`).toBeLessThanOrEqual(0);
  expect(layout.overflowing, `${what}: content cut off or running off`).toEqual([]);
  expect(layout.small, `${what}: targets under 44 px`).toEqual([]);
}
