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
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[role="status"]') !== null)).toBe(true);
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

  it('corrects a quarantined record in an accessible form and re-imports it (refused once, then imported)', async () => {
    // A benefits table of Koersdam with one good and one bad row (a start date that does not exist).
    const csv = 'bsn;regeling;startdatum;postcode\n999900006;bijstand;2026-01-01;\n111222333;bijstand;2026-13-01;\n';
    const up = await k.importFiles([{ name: 'uitkeringen-ui.csv', read: async () => Buffer.from(csv) }], { source: 'web', username: 'beheerder', onlyGemeente: '9001', tabular: { source: 'benefits' } });
    expect(up.quarantined).toBe(1);
    const entry = await k.db.selectFrom('quarantine_record').select('quarantine_id').where('file_name', '=', 'uitkeringen-ui.csv').where('record', 'is not', null).executeTakeFirstOrThrow();

    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL', bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await loginAs(page, 'beheerder');
    await page.goto(`${base}/data/quarantaine?bron=benefits`);
    const row = page.getByTestId('quarantine-table').getByRole('row').filter({ hasText: 'uitkeringen-ui.csv' });
    await row.waitFor();
    await row.getByRole('link', { name: /^Verbeteren/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Regel verbeteren' }).waitFor();
    expect(page.url()).toContain(`/data/quarantaine/${entry.quarantine_id}`);

    // The fields as read, the reason next to the refused one, no BSN anywhere.
    const start = page.getByLabel('startdatum (verplicht)');
    expect(await start.inputValue()).toBe('2026-13-01');
    expect(await start.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await start.getAttribute('aria-describedby'))!.split(' ');
    expect(await page.locator(`[id="${describedBy[0]}"]`).innerText()).toMatch(/^Reden: .*datum/);
    expect(await page.getByLabel('regeling (verplicht)').inputValue()).toBe('bijstand');
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('111222333');
    expect(text).toMatch(/Persoon:.*blijft dezelfde/);
    expect(await axeViolations(page)).toEqual([]);

    // Still wrong: refused with the new reason, the entry stays open.
    await start.fill('2026-02-30');
    await page.getByRole('button', { name: 'Opnieuw inlezen' }).click();
    await page.getByText('De regel is opnieuw geweigerd').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('reimport-result');
    expect(await page.getByTestId('reimport-result').innerText()).toMatch(/niets opgeslagen/);
    expect(await axeViolations(page)).toEqual([]);

    // Corrected: imported, resolved, with a link to the new import.
    await start.fill('2026-02-01');
    await page.getByRole('button', { name: 'Opnieuw inlezen' }).click();
    await page.getByText('De regel is ingelezen').waitFor();
    await page.screenshot({ path: path.join(k.dir, 'quarantine-reimport.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    const q = await k.db.selectFrom('quarantine_record').select(['status', 'resolved_by', 'resolved_import_id']).where('quarantine_id', '=', entry.quarantine_id).executeTakeFirstOrThrow();
    expect(q).toMatchObject({ status: 'resolved', resolved_by: 'beheerder' });
    await page.getByRole('link', { name: 'Bekijk de nieuwe import' }).click();
    await page.getByRole('heading', { level: 1, name: /^Import van / }).waitFor();
    expect(page.url()).toContain(`/data/geschiedenis/${q.resolved_import_id}`);
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
