import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/app/demo.js';
import { axeViolations, runBrowserTests, startDemoApp, type DemoApp } from '../helpers/browser.js';
import { msg301 } from '../helpers/messages.js';
import { makeZip } from './zip.js';

/**
 * The Data area end to end in Chromium: a beheerder uploads a zip through the file input, sees the
 * progress and the per-file results, opens the history and the quarantine, and tries the mapping
 * editor; a role that may not import gets an explanation. Every page is checked with axe-core.
 */
describe.runIf(runBrowserTests)('the Data area in Chromium', () => {
  let app: DemoApp;
  let k: DemoApp['koers'];
  let browser: DemoApp['browser'];
  let base: string;

  beforeAll(async () => {
    app = await startDemoApp(0.05);
    ({ base, browser, koers: k } = app);
  });
  afterAll(async () => { await app?.close(); });

  async function loginAs(page: Page, username: string) {
    await page.goto(`${base}/login`);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/monitor$/);
  }

  it('uploads a zip with progress and results, then shows history and quarantine, without accessibility violations', async () => {
    // bypassCSP only so the test can inject axe-core; the app itself runs under its strict CSP.
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL', bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await loginAs(page, 'beheerder');

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
    await page.getByText(/Laatst ingelezen op/).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Data' }).getByRole('link', { name: 'Importeren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gegevens importeren' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const h = { std: 'iwmo' as const, agb: '99000001', dag: '2026-09-01' };
    const zip = makeZip([
      { name: 'nieuw-301.xml', content: msg301({ ...h, gemeente: '9001', id: 'UI-1' }, { bsn: '999900006', postcode: '9001AA' }, [{ nr: 'UI1', cat: '01', tdatum: '2026-09-01', ingang: '2026-09-01' }]) },
      { name: 'andere-gemeente.xml', content: msg301({ ...h, gemeente: '9002', id: 'UI-2' }, { bsn: '999900006', postcode: '9002AA' }, [{ nr: 'UI2', cat: '01', tdatum: '2026-09-01', ingang: '2026-09-01' }]) },
      // Incompressible padding, so the upload takes a moment on the throttled connection below.
      { name: 'bijlage.bin', content: crypto.randomBytes(400_000) },
    ]);
    // The file input is a real, labelled <input type="file">.
    await page.getByLabel('Bestanden').setInputFiles({ name: 'aanlevering.zip', mimeType: 'application/zip', buffer: zip });
    await page.getByText('1 bestand gekozen').waitFor();

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 50, downloadThroughput: 10_000_000, uploadThroughput: 150_000 });
    await page.getByRole('button', { name: 'Inlezen' }).click();
    await page.getByTestId('upload-progress').waitFor();
    const progressLabel = await page.getByTestId('upload-progress').innerText();
    expect(progressLabel).toMatch(/Versturen|Verwerken/);
    await page.getByTestId('import-results').waitFor({ timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    expect(await page.getByTestId('import-summary').innerText()).toBe('1 bestand ingelezen en 2 bestanden geweigerd.');
    expect(await page.getByTestId('upload-status').innerText()).toMatch(/^Klaar\./);
    const table = page.getByTestId('import-results-table');
    const rowText = async (name: string) => table.getByRole('row').filter({ hasText: name }).innerText();
    expect(await rowText('nieuw-301.xml')).toMatch(/Ingelezen/);
    expect(await rowText('andere-gemeente.xml')).toMatch(/Geweigerd.*WMO301\/Header.*gemeente 9002/s);
    expect(await rowText('bijlage.bin')).toMatch(/Geweigerd/);
    await page.screenshot({ path: path.join(k.dir, 'upload.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // History: the detail of this upload, then the list.
    await page.getByRole('link', { name: 'Bekijk deze import in de geschiedenis' }).click();
    await page.getByRole('heading', { level: 1, name: /^Import van / }).waitFor();
    await page.getByTestId('import-files-table').getByText('aanlevering.zip!andere-gemeente.xml').waitFor();
    expect(await page.getByTestId('import-facts').innerText()).toMatch(/beheerder/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Importgeschiedenis' }).first().click();
    await page.getByTestId('import-history').waitFor();
    expect(await page.getByTestId('import-history').locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('import-history').innerText()).toMatch(/Upload in Koers/);
    expect(await axeViolations(page)).toEqual([]);

    // Quarantine: the refused file with plek and reden; mark it solved.
    await page.getByRole('navigation', { name: 'Data' }).getByRole('link', { name: 'Quarantaine' }).click();
    const row = page.getByTestId('quarantine-table').getByRole('row').filter({ hasText: 'andere-gemeente.xml' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/WMO301\/Header.*gemeente 9002/s);
    expect(await axeViolations(page)).toEqual([]);
    await row.getByRole('button', { name: /^Opgelost/ }).click();
    await page.getByText(/staat nu op "opgelost"/).waitFor();
    await expect.poll(() => page.getByTestId('quarantine-table').getByText('aanlevering.zip!andere-gemeente.xml').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.closest('[role="status"]') !== null)).toBe(true);
    await page.getByLabel('Status').selectOption('resolved');
    await page.getByTestId('quarantine-table').getByText(/Opgelost door beheerder/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('offers the mapping editor with a live preview', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL', bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await loginAs(page, 'beheerder');
    await page.goto(`${base}/data/koppelingen?bron=postcodes`);
    await page.getByRole('heading', { level: 1, name: 'Koppelingen' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Voorbeeldbestand').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from('PC;Wijk\n9001 AA;WK900100\nfout;WK900100\n') });
    await page.getByLabel('postcode komt uit').selectOption('kolom:PC');
    await page.getByLabel('wijk komt uit').selectOption('kolom:Wijk');
    await expect.poll(() => page.getByTestId('mapping-preview-status').innerText(), { timeout: 15_000 }).toMatch(/2 regels, 1 met problemen/);
    expect(await page.getByTestId('mapping-preview').innerText()).toMatch(/9001AA/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Naam van de koppeling').fill('Export uit eigen systeem');
    await page.getByRole('button', { name: 'Koppeling bewaren' }).click();
    await page.getByTestId('mappings-table').getByText('Export uit eigen systeem').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains to roles that may not import why there is no upload', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL', bypassCSP: true });
    await loginAs(page, 'beleid');
    await page.goto(`${base}/data`);
    await page.getByTestId('data-not-allowed').waitFor();
    expect(await page.getByLabel('Bestanden').count()).toBe(0);
    await page.goto(`${base}/data/importeren`);
    await page.getByText(/alleen met de rol beheerder of analist/).waitFor();
    expect(await page.getByLabel('Bestanden').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
