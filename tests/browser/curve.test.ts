import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { addUser } from '../../src/auth/index.js';
import { todayInNl } from '../../src/steering/curve/rules.js';
import { axeViolations, runBrowserTests, serveInBrowser, type DemoApp } from '../helpers/browser.js';
import { file, referenceFiles } from '../helpers/fixtures.js';
import { openTestKoers, type TestKoers } from '../helpers/koers.js';
import { msg301, msg305 } from '../helpers/messages.js';

/**
 * Turn the curve and actions (issue 5) in a real Chromium on a small hand-built gemeente
 * (Testdam, 12 Wmo clients) with one adopted beleidskader: a beleidsadviseur writes a
 * turn-the-curve note for an indicator and period and adds an action with owner and due date;
 * a raadslid reads both but has no edit controls; axe-core finds no violations on any page.
 */
describe.runIf(runBrowserTests)('turn the curve and actions in Chromium', () => {
  const PW = 'correct horse battery';
  const ID = 'wmo_clients_per_1000';
  let k: TestKoers;
  let browser: Browser;
  let served: DemoApp | undefined;
  let base = '';
  let actionUrl = '';

  beforeAll(async () => {
    k = await openTestKoers(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite', { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    const bsns = ['111222333', '123456782', '100000010', '999900006', '999999990', '100000022', '100000034', '100000046', '100000058', '100000071', '100000083', '100000095'];
    const files = bsns.flatMap((bsn, i) => [
      file(`t${i}.xml`, msg301({ std: 'iwmo', gemeente: '9001', agb: '99000001', id: `T${i}`, dag: '2024-01-02' }, { bsn, postcode: i < 9 ? '9001AA' : '9001BB' }, [{ nr: `${100 + i}`, cat: '01', tdatum: '2024-01-02', ingang: '2024-01-02' }])),
      file(`s${i}.xml`, msg305({ std: 'iwmo', gemeente: '9001', agb: '99000001', id: `S${i}`, dag: '2024-01-05' }, { bsn }, [{ nr: `${100 + i}`, cat: '01', ingang: '2024-01-02', begin: '2024-01-03' }])),
    ]);
    const s = await k.importFiles([...referenceFiles(), ...files], { source: 'test', asOf: '2025-06-30' });
    expect(s.files.filter((f) => f.status !== 'accepted').map((f) => `${f.name}: ${f.reason}`)).toEqual([]);
    for (const role of ['beleid', 'raad'] as const) await addUser(k.db, { gemeenteCode: '9001', username: role, password: PW, role });
    // One adopted beleidskader with this indicator under a goal (the framework editor is another page).
    const fw = crypto.randomUUID(), node = crypto.randomUUID();
    await k.db.insertInto('framework').values({ gemeente_code: '9001', framework_id: fw, created_by: 'test' }).execute();
    await k.db.insertInto('framework_version').values({ gemeente_code: '9001', framework_id: fw, version: 1, status: 'vastgesteld', title: 'Iedereen doet mee', adopted_on: '2025-01-20', updated_by: 'test' }).execute();
    await k.db.insertInto('framework_node').values({ gemeente_code: '9001', framework_id: fw, version: 1, node_id: node, parent_id: null, kind: 'doel', title: 'Passende ondersteuning dichtbij' }).execute();
    await k.db.insertInto('framework_indicator').values({ gemeente_code: '9001', framework_id: fw, version: 1, node_id: node, indicator_id: ID, measure_kind: 'population' }).execute();
    served = await serveInBrowser(k);
    ({ browser, base } = served);
  });
  afterAll(async () => {
    await (served ? served.close() : k?.cleanup());
  });

  async function login(username: string): Promise<Page> {
    // bypassCSP only so the test can inject axe-core; the app itself runs under its strict CSP.
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL', bypassCSP: true });
    page.on('pageerror', (e) => { throw e; });
    await page.goto(`${base}/login`);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(PW);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/monitor$/);
    return page;
  }

  it('a beleidsadviseur writes a turn-the-curve note and adds an action with owner and due date', async () => {
    const page = await login('beleid');
    // From the indicator page's notes section to the turn-the-curve page of the latest period.
    await page.goto(`${base}/monitor/indicator/${ID}`);
    const notes = page.getByTestId('indicator-notes');
    await notes.getByText('Er zijn nog geen notities bij deze perioden.').waitFor();
    await notes.getByTestId('curve-link').click();
    await page.waitForURL(/\/sturen\/curve\/wmo_clients_per_1000\?periode=/);
    await page.getByTestId('curve-chart').waitFor();
    const period = new URL(page.url()).searchParams.get('periode')!;
    expect(await page.getByTestId('curve-chart').getAttribute('aria-label')).toMatch(/^Grafiek van/);
    await page.getByText('Toon de cijfers van de grafiek als tabel').click();
    expect(await page.getByTestId('curve-table').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    // An empty note is refused with a message; a filled-in one is saved and listed in the history.
    await page.getByTestId('edit-note').click();
    await page.getByRole('button', { name: 'Notitie opslaan' }).click();
    await page.getByRole('alert').getByText('Vul minstens één veld in').waitFor();
    await page.getByLabel('Het verhaal achter de curve').fill('Meer ouderen wonen langer thuis en vragen om hulp.');
    await page.getByLabel('Wat helpt').fill('De wijkteams en de mantelzorgondersteuning.');
    await page.getByLabel('Actieplan').fill('Preventief huisbezoek vanaf 75 jaar.');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Notitie opslaan' }).click();
    await page.getByText('De notitie is opgeslagen.').waitFor();
    expect(await page.getByTestId('note-text').innerText()).toContain('Meer ouderen wonen langer thuis');
    await page.getByTestId('note-history').getByText('beleid heeft dit aangemaakt').waitFor();
    expect(await page.getByTestId('note-history').innerText()).toContain('Preventief huisbezoek vanaf 75 jaar.');

    // A new action for this indicator: owner is required; due date in the past makes it overdue.
    await page.getByTestId('new-action-link').click();
    await page.waitForURL(/\/sturen\/acties\/nieuw\?indicator=/);
    expect(await page.getByTestId('action-links').innerText()).toContain('Cijfer:');
    await page.getByLabel('Titel').fill('Preventief huisbezoek starten');
    await page.getByRole('button', { name: 'Actie opslaan' }).click();
    await page.getByText('Vul een eigenaar in').waitFor();
    expect(await page.getByLabel('Eigenaar').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Eigenaar').fill('Team Ouderen');
    await page.getByLabel('Status').selectOption('bezig');
    await page.getByLabel('Startdatum (niet verplicht)').fill('2025-01-01');
    await page.getByLabel('Streefdatum (niet verplicht)').fill('2025-03-31');
    await page.getByLabel('Doel uit een beleidskader').selectOption({ label: 'Passende ondersteuning dichtbij (Iedereen doet mee)' });
    await page.getByRole('button', { name: 'Koppel doel' }).click();
    await page.getByRole('button', { name: 'Actie opslaan' }).click();
    await page.waitForURL(/\/sturen\/acties\/[0-9a-f-]{36}\?opgeslagen=ja$/);
    actionUrl = page.url().replace(/\?.*$/, '');
    await page.getByText('De actie is opgeslagen.').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Preventief huisbezoek starten');
    expect(await page.locator('main').innerText()).toMatch(/Te laat: \d+ dagen over de streefdatum/);
    await page.getByTestId('action-history').getByText('beleid heeft dit aangemaakt').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The Sturen overview: scores of the framework and the overdue action, in words.
    await page.goto(`${base}/sturen`);
    await page.getByTestId('scores').waitFor();
    // One context indicator with values for two years and now a note for the latest: note yes, forecast no
    // (two periods), target no, current data when that year ended at most a year ago → 2 or 1 of 4.
    const today = todayInNl();
    const current = `${period}-12-31` >= `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    expect(await page.getByTestId('engagement-total').innerText()).toBe(current ? '50 %' : '25 %');
    expect(await page.getByTestId('performance-total').innerText()).toBe('–'); // context: no good direction
    expect(await page.getByTestId('score-indicators').locator('tbody tr').first().locator('td').nth(2).innerText()).toBe('ja'); // the note column
    await page.getByTestId('overdue-actions').getByText('Preventief huisbezoek starten').waitFor();
    expect(await page.getByTestId('overdue-actions').innerText()).toContain('Te laat');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${base}/sturen/acties`);
    await page.getByTestId('actions-table').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // The note also shows on the indicator page for its period.
    await page.goto(`${base}/monitor/indicator/${ID}`);
    await page.getByTestId('indicator-notes').getByText('Meer ouderen wonen langer thuis en vragen om hulp.').waitFor();
    expect(period).toMatch(/^\d{4}$/);
    await page.close();
  });

  it('a raadslid reads the note and the action but has no edit controls', async () => {
    const page = await login('raad');
    await page.goto(`${base}/sturen/curve/${ID}`);
    await page.getByTestId('note-text').getByText('Meer ouderen wonen langer thuis en vragen om hulp.').waitFor();
    expect(await page.getByTestId('edit-note').count()).toBe(0);
    expect(await page.getByTestId('new-action-link').count()).toBe(0);
    await page.getByTestId('curve-actions').getByText('Preventief huisbezoek starten').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(actionUrl);
    await page.getByTestId('action-history').waitFor();
    expect(await page.getByText('Team Ouderen').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('edit-action').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Afronden' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${base}/sturen/acties`);
    await page.getByTestId('actions-table').waitFor();
    expect(await page.getByTestId('new-action').count()).toBe(0);
    await page.goto(`${base}/sturen`);
    await page.getByTestId('scores').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
