import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo.js';
import { axeViolations, runBrowserTests, startDemoApp, type DemoApp } from '../helpers/browser.js';

/**
 * Beleidskader (issue 5) in a real Chromium on the demo gemeente (small scale): a beleidsadviseur
 * builds a framework from the template, sets a target and adopts it; a raadslid sees the demo's
 * adopted framework and its status, without any edit control, and a write by hand gets 403.
 */
describe.runIf(runBrowserTests)('beleidskader in Chromium', () => {
  let app: DemoApp;
  beforeAll(async () => { app = await startDemoApp(0.05); });
  afterAll(async () => { await app?.close(); });

  async function login(username: string): Promise<Page> {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL', bypassCSP: true });
    await page.goto(`${app.base}/login`);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/monitor$/);
    return page;
  }
  const message = (page: Page) => page.getByTestId('fw-message');

  it('beleid builds a framework from the template, sets a target and adopts it', async () => {
    const page = await login('beleid');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.base}/sturen/beleidskader`);
    await page.getByRole('heading', { level: 1, name: 'Beleidskader' }).waitFor();
    // The demo's adopted framework is listed.
    await page.getByRole('link', { name: 'Koers sociaal domein Koersdam 2025–2028' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Titel').fill('Proefkader sociaal domein');
    await page.getByRole('button', { name: 'Beleidskader maken' }).click();
    await page.waitForURL(/\/sturen\/beleidskader\/[0-9a-f-]+\/versie\/1\/bewerken$/);
    await page.getByRole('heading', { level: 1, name: 'Proefkader sociaal domein: versie 1 bewerken' }).waitFor();

    // Open the 80/15/5 effect and set a 2026 target for the vulnerable 5 %.
    await page.getByText('Maatschappelijk effect: De meeste inwoners redden zich zonder ondersteuning (80/15/5)').click();
    const form = page.getByRole('form', { name: 'Streefwaarde voor Kwetsbare inwoners (de 5 %)' });
    await form.getByLabel('Jaar').fill('2026');
    await form.getByLabel('Streefwaarde (%)').fill('4,5');
    await form.getByRole('button', { name: 'Streefwaarde opslaan' }).click();
    await expect.poll(() => message(page).innerText()).toContain('Streefwaarde voor Kwetsbare inwoners (de 5 %) in 2026 opgeslagen.');
    await expect.poll(() => form.locator('xpath=..').innerText()).toContain('2026: 4,5%');

    // A server refusal is shown in Dutch: an empty theme name.
    await page.getByRole('button', { name: 'Thema toevoegen' }).click();
    await expect.poll(() => message(page).innerText()).toContain('Vul een titel in.');
    await page.getByLabel('Nieuw thema').fill('Wonen en zorg');
    await page.getByRole('button', { name: 'Thema toevoegen' }).click();
    await expect.poll(() => message(page).innerText()).toContain('Thema “Wonen en zorg” is toegevoegd.');
    await page.locator('summary', { hasText: 'Thema: Wonen en zorg' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Move the (still open) 80/15/5 effect under the new theme.
    const effect = page.locator('details', { has: page.locator('summary', { hasText: 'Maatschappelijk effect: De meeste inwoners redden zich' }) });
    await effect.getByLabel('Verplaatsen naar').selectOption({ label: 'Thema: Wonen en zorg' });
    await effect.getByRole('button', { name: 'Verplaatsen', exact: true }).click();
    await expect.poll(() => message(page).innerText()).toContain('staat nu onder “Wonen en zorg”');
    const theme = page.locator('li', { has: page.locator('summary', { hasText: 'Thema: Wonen en zorg' }) }).last();
    await expect.poll(() => theme.innerText()).toContain('Maatschappelijk effect: De meeste inwoners redden zich');

    await page.getByLabel('Datum raadsbesluit', { exact: true }).fill('2026-11-01');
    await page.getByLabel('Kenmerk raadsbesluit (niet verplicht)').fill('RB 2026/77');
    await page.getByRole('button', { name: 'Versie 1 vaststellen' }).click();
    await page.waitForURL(/\/sturen\/beleidskader\/[0-9a-f-]+$/);
    await page.getByRole('heading', { level: 1, name: 'Proefkader sociaal domein' }).waitFor();
    await expect.poll(() => page.locator('main').innerText()).toContain('vastgesteld door de gemeenteraad op 1 november 2026 (RB 2026/77)');
    await page.getByRole('button', { name: 'Nieuwe versie maken' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a raadslid sees the status view and the goal page, has no edit controls, and a write gets 403', async () => {
    const page = await login('raad');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.base}/sturen/beleidskader`);
    await page.getByRole('link', { name: 'Koers sociaal domein Koersdam 2025–2028' }).click();
    await page.getByRole('heading', { level: 2, name: 'Hoe staan we ervoor?' }).waitFor();
    await page.getByRole('list', { name: 'Doelenboom' }).waitFor();
    // The demo tells a story: some goals on track, some needing attention, some off track.
    const statuses = await page.locator('[data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    for (const s of ['op_koers', 'aandacht', 'niet_op_koers']) expect(statuses).toContain(s);
    // Colour is never alone: every status carries its text.
    expect(await page.locator('[data-status="niet_op_koers"]').first().innerText()).toContain('Niet op koers');
    for (const name of [/bewerken/i, /Nieuwe versie maken/, /vaststellen/i, /Beleidskader maken/]) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
      expect(await page.getByRole('link', { name }).count()).toBe(0);
    }
    expect(await page.getByText(/intrekken/).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Als tabel' }).click();
    await page.getByRole('table', { name: /Alle indicatoren van het beleidskader/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Als boom' }).click();

    // Per wijk: the same tree judged on the wijk's figures, chosen with the keyboard.
    const areaSelect = page.getByLabel('Gebied');
    await expect.poll(() => areaSelect.locator('option').count()).toBeGreaterThan(1);
    const wijk = (await areaSelect.locator('option').nth(1).innerText()).trim();
    await areaSelect.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('fw-overall').innerText()).toMatch(new RegExp(`^${wijk}:`));
    expect(page.url()).toMatch(/wijk=/);
    expect(await axeViolations(page)).toEqual([]);
    await areaSelect.selectOption('');
    await expect.poll(() => page.getByTestId('fw-overall').innerText()).toMatch(/^Het hele beleidskader:/);

    await page.getByRole('link', { name: 'Eigen kracht en samenredzaamheid' }).click();
    await page.getByRole('heading', { level: 1, name: 'Eigen kracht en samenredzaamheid' }).waitFor();
    for (const h of ['Wat willen we bereiken?', 'Wat gaan we daarvoor doen?', 'Wat mag het kosten?']) await page.getByRole('heading', { level: 2, name: h }).waitFor();
    await page.getByRole('table', { name: /Begroting en realisatie per taakveld/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const status = await page.evaluate(async () => {
      const s = await (await fetch('/api/auth/session')).json() as { csrfToken: string };
      const res = await fetch('/api/frameworks', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken }, body: JSON.stringify({ templateId: 'sociaal-domein' }) });
      return res.status;
    });
    expect(status).toBe(403);
    expect(errors).toEqual([]);
    await page.close();
  });
});
