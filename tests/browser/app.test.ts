import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import axe from 'axe-core';
import { ensureDemo, DEMO_LOGIN } from '../../src/app/demo.js';
import { createApp } from '../../src/web/server/app.js';
import { ensureUiBuilt } from '../../src/web/server/serve.js';
import { openTestKoers, type TestKoers } from '../helpers/koers.js';

/**
 * End to end in a real Chromium: the demo gemeente (small scale) loaded through the import path,
 * the real server and the built SPA. Skipped only when there is no Chromium outside CI.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const repoRoot = path.resolve(import.meta.dirname, '../..');

async function axeViolations(page: Page) {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(async () => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

describe.runIf(haveChromium || process.env.CI === 'true')('the web app in Chromium', () => {
  let k: TestKoers;
  let server: ServerType;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const uiDir = await ensureUiBuilt(repoRoot, () => {});
    k = await openTestKoers(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite', { xsd: false });
    const loaded = await ensureDemo(k, () => {}, { scale: 0.15 });
    expect(loaded?.rejected).toBe(0);
    const app = createApp(k, { uiDir, demoHint: DEMO_LOGIN });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await k?.cleanup();
  });

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
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);

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
