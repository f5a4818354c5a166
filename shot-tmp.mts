import { chromium } from '@playwright/test';
const [url, code, lang = 'vi', w = '683', h = '384', fontSize = ''] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: +w, height: +h }, deviceScaleFactor: 2 });
const page = await ctx.newPage();
if (fontSize) { const cdp = await ctx.newCDPSession(page); await cdp.send('Page.setFontSizes', { fontSizes: { standard: +fontSize, fixed: 13 } }); }
await page.addInitScript((l) => localStorage.setItem('dvc-kiosk.language', l), lang);
await page.goto(url);
await page.getByTestId('enroll-code').waitFor();
await page.getByTestId('enroll-code').fill(code);
await page.getByTestId('enroll-submit').click();
await page.locator('.start-buttons button').first().waitFor();
const hh = await page.locator('.app-header').evaluate((e) => e.getBoundingClientRect().height);
console.log('header', hh, 'viewport', h, (hh / +h).toFixed(2), 'root', await page.evaluate(() => getComputedStyle(document.documentElement).fontSize));
await page.screenshot({ path: `/tmp/w12/shot-${lang}-${w}x${h}${fontSize}.png` });
await browser.close();
