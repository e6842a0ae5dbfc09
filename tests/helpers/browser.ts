import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import axe from 'axe-core';
import { ensureDemo, DEMO_LOGIN } from '../../src/app/demo.js';
import { createApp } from '../../src/web/server/app.js';
import { ensureUiBuilt } from '../../src/web/server/serve.js';
import { openTestKoers, type TestKoers } from './koers.js';

/** Debian's Chromium (installed by .ci/run). Browser suites run when it exists, and always under CI. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const runBrowserTests = fs.existsSync(CHROMIUM) || process.env.CI === 'true';
const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface DemoApp { koers: TestKoers; browser: Browser; base: string; close(): Promise<void> }

/**
 * The real thing for browser tests: the built SPA, the demo gemeente (small scale) loaded through
 * the import path, the HTTP server on a free loopback port, and a headless Chromium.
 */
export async function startDemoApp(scale: number): Promise<DemoApp> {
  const koers = await openTestKoers(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite', { xsd: false });
  const loaded = await ensureDemo(koers, () => {}, { scale });
  if (!loaded || loaded.rejected !== 0) throw new Error(`demo load failed: ${loaded?.rejected} files rejected`);
  return serveInBrowser(koers, DEMO_LOGIN);
}

/**
 * Serves a test database's Koers with the built SPA on a free loopback port and launches a headless
 * Chromium; close() stops both and cleans up the database.
 */
export async function serveInBrowser(koers: TestKoers, demoHint: typeof DEMO_LOGIN | null = null): Promise<DemoApp> {
  const uiDir = await ensureUiBuilt(repoRoot, () => {});
  const app = createApp(koers, { uiDir, demoHint });
  const server: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  }).catch(async (e: unknown) => { server.close(); throw e; });
  return {
    koers, browser, base,
    async close() {
      await browser.close();
      server.close();
      await koers.cleanup();
    },
  };
}

/** WCAG 2.1 A/AA violations on the current page (axe-core injected; open the page with bypassCSP). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(async () => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}
