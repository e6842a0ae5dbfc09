import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { addUser } from '../../src/auth/index.js';
import { axeViolations, runBrowserTests, serveInBrowser, type DemoApp } from '../helpers/browser.js';
import { file, referenceFiles } from '../helpers/fixtures.js';
import { openTestKoers, type TestKoers } from '../helpers/koers.js';
import { msg301, msg305 } from '../helpers/messages.js';

/**
 * The monitor pages (issue 4) in a real Chromium, on a small hand-built gemeente (Testdam: two
 * wijken, 12 Wmo clients, no benefit or survey data) so the test does not depend on the demo
 * generator and runs in seconds: the overview in four groups with a "geen gegevens" tile, the
 * indicator page's breakdowns, export, targets and versions, and the wijk profile — each checked
 * with axe-core.
 */
describe.runIf(runBrowserTests)('monitor pages in Chromium', () => {
  const PW = 'correct horse battery';
  let k: TestKoers;
  let browser: Browser;
  let served: DemoApp | undefined;
  let base: string;
  const app = { get base() { return base; }, get browser() { return browser; } };

  beforeAll(async () => {
    k = await openTestKoers(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite', { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    const bsns = ['111222333', '123456782', '100000010', '999900006', '999999990', '100000022', '100000034', '100000046', '100000058', '100000071', '100000083', '100000095'];
    // Half the clients start in January, half in July, so the trend has more than one quarter.
    const files = bsns.flatMap((bsn, i) => {
      const m = i < 6 ? '01' : '07';
      return [
        file(`t${i}.xml`, msg301({ std: 'iwmo', gemeente: '9001', agb: '99000001', id: `T${i}`, dag: `2024-${m}-02` }, { bsn, postcode: i < 9 ? '9001AA' : '9001BB' }, [{ nr: `${100 + i}`, cat: '01', tdatum: `2024-${m}-02`, ingang: `2024-${m}-02` }])),
        file(`s${i}.xml`, msg305({ std: 'iwmo', gemeente: '9001', agb: '99000001', id: `S${i}`, dag: `2024-${m}-05` }, { bsn }, [{ nr: `${100 + i}`, cat: '01', ingang: `2024-${m}-02`, begin: `2024-${m}-03` }])),
      ];
    });
    const s = await k.importFiles([...referenceFiles(), ...files], { source: 'test', asOf: '2025-06-30' });
    expect(s.files.filter((f) => f.status !== 'accepted').map((f) => `${f.name}: ${f.reason}`)).toEqual([]);
    for (const role of ['beleid', 'raad'] as const) await addUser(k.db, { gemeenteCode: '9001', username: role, password: PW, role });
    served = await serveInBrowser(k);
    ({ browser, base } = served);
  });
  afterAll(async () => {
    await (served ? served.close() : k?.cleanup());
  });

  async function login(username: string, password: string): Promise<Page> {
    // bypassCSP only so the test can inject axe-core; the app itself runs under its strict CSP.
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL', bypassCSP: true, acceptDownloads: true });
    await page.goto(`${app.base}/login`);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/monitor$/);
    return page;
  }

  it('overview: one request, four groups, tiles with value, direction and sparkline', async () => {
    const page = await login('beleid', PW);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const valueRequests: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/values')) valueRequests.push(r.url()); });
    await page.goto(`${app.base}/monitor?periodType=quarter`);
    for (const group of ['population', 'how_much', 'how_well', 'better_off']) await page.getByTestId(`group-${group}`).waitFor();
    const tile = page.getByTestId('tile-wmo_clients_per_1000');
    await tile.locator('.koers-tile__number').waitFor();
    expect(await tile.getByTestId('sparkline').getAttribute('aria-label')).toMatch(/^Verloop van/);
    expect(await tile.innerText()).toMatch(/definitief|voorlopig/);
    expect(valueRequests).toEqual([]); // the overview endpoint only
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('overview says "geen gegevens" and what to import for indicators whose source is missing', async () => {
    const page = await login('beleid', PW);
    const noData = page.locator('[data-status="no_data"]');
    await noData.first().waitFor();
    const text = await noData.first().innerText();
    expect(text).toMatch(/Geen gegevens/);
    expect(text).toMatch(/Importeer/);
    expect(await page.locator('[data-status="no_data"] .koers-tile__number').count()).toBe(0); // never a 0
    expect(await axeViolations(page)).toEqual([]);
  });

  it('indicator page: breakdown switch, export of what is shown, target editor, versions; wijk profile', async () => {
    const page = await login('beleid', PW);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.base}/monitor/indicator/wmo_clients_per_1000`);
    await page.getByTestId('wijk-table').locator('tbody tr').first().waitFor();
    await page.getByTestId('versions').waitFor();
    expect(await page.getByTestId('definition').innerText()).toMatch(/Gegevens tot en met/);

    // Breakdown switch: by age band there is a table and no map.
    await page.getByLabel('Uitsplitsen naar').selectOption('leeftijd');
    await page.getByTestId('breakdown-table').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('wijk-map').count()).toBe(0);
    expect(page.url()).toMatch(/by=leeftijd/);
    const shownRows = await page.getByTestId('breakdown-table').locator('tbody tr').count();

    // Export of exactly that table.
    const section = page.getByTestId('breakdown-section');
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^wmo_clients_per_1000_year_leeftijd_\d{4}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('id;version;period;gemeente;area;areaName;breakdown;numerator;denominator;value;unit;status;suppressed');
    expect(lines.length - 1).toBe(shownRows);
    expect(lines.slice(1).every((l) => l.includes('leeftijd='))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Target editor (beleid): add a target for the latest year; the trend table shows it.
    await page.getByRole('button', { name: 'Streefwaarden aanpassen' }).click();
    await page.getByRole('button', { name: 'Regel toevoegen' }).click();
    const row = page.getByTestId('target-row').first();
    const year = await page.getByTestId('trend-table').locator('tbody tr').first().locator('th').textContent() ?? '';
    await row.getByLabel('Jaar').fill(year.trim().slice(0, 4));
    await row.getByLabel('Streefwaarde').fill('30,5');
    await row.getByLabel('Nulmeting').fill('35');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('targets').getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByTestId('targets-table').waitFor();
    expect(await page.getByTestId('targets-table').innerText()).toMatch(/30,5/);
    expect(await page.getByTestId('trend-table').locator('thead').textContent()).toMatch(/Streefwaarde/);
    expect(await page.getByTestId('trend-chart').getAttribute('aria-label')).toMatch(/Streefwaarde: 30,5/);

    // Back to the wijk breakdown, then to a wijk's profile from the table.
    await page.getByLabel('Uitsplitsen naar').selectOption('wijk');
    const link = page.getByTestId('wijk-table').locator('tbody tr th a').first();
    await link.waitFor();
    const wijkName = await link.innerText();
    await link.click();
    await page.waitForURL(/\/wijken\/[^/]+$/);
    await page.getByTestId('profile-wmo_clients_per_1000').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`Wijk ${wijkName}`);
    expect(await page.getByTestId('profile-wmo_clients_per_1000').innerText()).toMatch(/\d/);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${app.base}/wijken`);
    await page.getByTestId('wijk-list').locator('a').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a raadslid reads targets but cannot edit them', async () => {
    const page = await login('raad', PW);
    await page.goto(`${app.base}/monitor/indicator/wmo_clients_per_1000`);
    await page.getByTestId('targets').waitFor();
    await page.getByTestId('targets-table').waitFor();
    expect(await page.getByRole('button', { name: 'Streefwaarden aanpassen' }).count()).toBe(0);
  });
});
