import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { DEMO_LOGIN } from '../../src/app/demo.js';
import { axeViolations, runBrowserTests, startDemoApp, type DemoApp } from '../helpers/browser.js';

/**
 * End to end in a real Chromium: the demo gemeente (small scale) loaded through the import path,
 * the real server and the built SPA. Skipped only when there is no Chromium outside CI.
 */
describe.runIf(runBrowserTests)('the web app in Chromium', () => {
  let app: DemoApp;
  let base: string;
  let browser: DemoApp['browser'];
  let k: DemoApp['koers'];

  beforeAll(async () => {
    app = await startDemoApp(0.15);
    ({ base, browser, koers: k } = app);
  });
  afterAll(async () => { await app?.close(); });

  it('logs in, shows the indicator with chart, wijk table and map, has no accessibility violations, logs out', async () => {
    // bypassCSP only so the test can inject axe-core; the app itself runs under its strict CSP.
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL', bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/monitor`);
    await page.waitForURL(/\/login/);
    await expect.poll(() => page.getByText(DEMO_LOGIN.password).count()).toBeGreaterThan(0); // demo hint
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Gebruikersnaam').fill(DEMO_LOGIN.username);
    await page.getByLabel('Wachtwoord').fill('wrong-password');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect.poll(() => page.getByText('Gebruikersnaam of wachtwoord klopt niet.').count()).toBeGreaterThan(0);
    await page.getByLabel('Wachtwoord').fill(DEMO_LOGIN.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/monitor$/);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${base}/monitor/indicator/wmo_clients_per_1000`);
    await page.getByTestId('trend-chart').locator('canvas, svg').first().waitFor();
    await page.getByTestId('wijk-table').locator('tbody tr').first().waitFor();
    await page.getByTestId('wijk-map').locator('canvas, svg').first().waitFor();
    await page.getByTestId('definition').waitFor();
    // "If we do nothing": the trend continued with its margin, as a table.
    await page.getByTestId('forecast').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('forecast').locator('tbody tr').count()).toBe(4);
    const rows = await page.getByTestId('wijk-table').locator('tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(8);
    expect(await page.getByTestId('definition').innerText()).toMatch(/inwoners/i);
    await page.screenshot({ path: path.join(k.dir, 'indicator.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // Keyboard: the skip link is the first focusable element, and Enter on it moves focus into main.
    const firstFocusable = await page.evaluate(() => document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')?.textContent ?? '');
    expect(firstFocusable).toMatch(/inhoud/i);
    await page.getByRole('link', { name: /inhoud/i }).first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);

    // Data quality: rules, aanbieders and the follow-up list, readable for a beleidsadviseur.
    await page.goto(`${base}/data/kwaliteit`);
    await page.getByTestId('dq-rules').locator('tbody tr').first().waitFor();
    await page.getByTestId('dq-aanbieders').locator('tbody tr').first().waitFor();
    await page.getByTestId('dq-findings').locator('tbody tr').first().waitFor();
    expect(await page.getByRole('button', { name: 'Opgelost' }).count()).toBe(0); // beleid may read, not handle
    expect(await axeViolations(page)).toEqual([]);

    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    const session = await page.evaluate(async () => (await fetch('/api/auth/session')).status);
    expect(session).toBe(401);
    expect(errors).toEqual([]);
  });
});
