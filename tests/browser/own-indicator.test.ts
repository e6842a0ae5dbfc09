import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo.js';
import { axeViolations, runBrowserTests, startDemoApp, type DemoApp } from '../helpers/browser.js';

/**
 * "Eigen indicator" (issue 4) in a real Chromium on the demo gemeente (small scale, one app for the
 * whole file): a beleidsadviseur builds an indicator from the building blocks, previews it, saves it
 * and opens its indicator page; a raadslid does not get the button.
 */
describe.runIf(runBrowserTests)('own indicator form in Chromium', () => {
  let app: DemoApp;

  beforeAll(async () => {
    app = await startDemoApp(0.05);
  });
  afterAll(async () => { await app?.close(); });

  async function login(username: string): Promise<Page> {
    // bypassCSP only so the test can inject axe-core; the app itself runs under its strict CSP.
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL', bypassCSP: true });
    await page.goto(`${app.base}/login`);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/monitor$/);
    return page;
  }

  it('beleid builds, previews and saves an own indicator, then opens its page', async () => {
    const page = await login('beleid');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.getByRole('link', { name: 'Eigen indicator maken' }).click();
    await page.waitForURL(/\/monitor\/eigen\/nieuw$/);
    await page.getByLabel('Naam').waitFor();

    // Nothing filled in: the problems are announced and focus moves to them.
    await page.getByRole('button', { name: 'Voorbeeld' }).click();
    const alert = page.getByTestId('own-message').getByRole('alert');
    await expect.poll(() => alert.innerText()).toMatch(/Vul een naam in/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('own-message');

    await page.getByLabel('Naam').fill('Wmo-starts per 100 inwoners');
    expect(await page.getByLabel('Korte code').inputValue()).toBe('eigen_wmo_starts_per_100_inwoners');
    await page.getByLabel('Beschrijving').fill('Hoeveel inwoners in de periode met Wmo-hulp begonnen, per 100 inwoners.');
    await page.getByLabel('Teller in woorden').fill('Personen met een Wmo-start in de periode.');
    await page.getByLabel('Noemer in woorden').fill('Alle inwoners.');
    const numerator = page.getByTestId('num-measure');

    // A definition the server refuses: its Dutch explanation is shown next to the form and gets focus.
    await numerator.getByLabel('Wat telt u?').selectOption({ label: 'Toegewezen bedragen' });
    await numerator.getByLabel('Wanneer telt het mee in een periode?').selectOption({ label: 'Begonnen in de periode' });
    await numerator.getByLabel('Telling').selectOption('sumOverDays');
    await numerator.getByLabel('Welk getal?').selectOption('cents_per_day');
    await page.getByRole('button', { name: 'Voorbeeld' }).click();
    await expect.poll(() => alert.innerText()).toMatch(/De definitie klopt niet: .*bedrag per dag kan alleen over lopende perioden/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('own-message');
    expect(await axeViolations(page)).toEqual([]);

    await numerator.getByLabel('Wat telt u?').selectOption({ label: 'Trajecten (Wmo en Jeugdwet)' });
    await numerator.getByLabel('Wanneer telt het mee in een periode?').selectOption({ label: 'Begonnen in de periode' });
    await numerator.getByLabel('Telling').selectOption('persons');
    await numerator.getByRole('button', { name: /Filter toevoegen/ }).click();
    const filter = numerator.getByTestId('num-filter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^num-filter-field-/); // focus on the new row
    await filter.getByLabel('Veld').selectOption({ label: 'Wet' });
    await filter.getByLabel('Voorwaarde').selectOption('=');
    await filter.getByLabel('Waarde', { exact: true }).fill('wmo');

    await page.getByRole('button', { name: 'Voorbeeld' }).click();
    const rows = page.getByTestId('preview-table').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.first().innerText()).toMatch(/Hele gemeente/);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.getByTestId('own-message').innerText()).toMatch(/Opgeslagen als versie 1/);
    await page.getByRole('link', { name: 'Bekijk de indicator' }).click();
    await page.waitForURL(/\/monitor\/indicator\/eigen_wmo_starts_per_100_inwoners/);
    await page.getByRole('heading', { level: 1, name: 'Wmo-starts per 100 inwoners' }).waitFor();

    // Editing loads the saved definition; the code stays fixed.
    await page.goto(`${app.base}/monitor/eigen/eigen_wmo_starts_per_100_inwoners`);
    await expect.poll(() => page.getByLabel('Naam').inputValue()).toBe('Wmo-starts per 100 inwoners');
    expect(await page.getByLabel('Korte code').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByTestId('num-filter').getByLabel('Waarde', { exact: true }).inputValue()).toBe('wmo');
    await page.screenshot({ path: `${app.koers.dir}/own-indicator.png`, fullPage: true });
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.getByTestId('own-message').innerText()).toMatch(/Niets veranderd: het blijft versie 1/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a raadslid does not see the button and cannot use the form', async () => {
    const page = await login('raad');
    await page.getByRole('heading', { level: 1, name: 'Monitor' }).waitFor();
    expect(await page.getByRole('link', { name: 'Eigen indicator maken' }).count()).toBe(0);
    await page.goto(`${app.base}/monitor/eigen/nieuw`);
    await expect.poll(() => page.getByText('Alleen beleidsadviseurs, analisten en beheerders').count()).toBe(1);
    expect(await page.getByLabel('Naam').count()).toBe(0);
    await page.close();
  });
});
