import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { addUser } from '../../src/auth/index.js';
import { axeViolations, runBrowserTests, serveInBrowser, type DemoApp } from '../helpers/browser.js';
import { file, referenceFiles } from '../helpers/fixtures.js';
import { openTestKoers, type TestKoers } from '../helpers/koers.js';
import { msg301, msg305, msg307 } from '../helpers/messages.js';

/** Valid BSNs (elfproef) from a start number. */
function bsns(count: number, from = 100_000_010): string[] {
  const out: string[] = [];
  for (let n = from; out.length < count; n++) {
    const d = String(n).padStart(9, '0').split('').map(Number);
    const sum = d.slice(0, 8).reduce((s, x, i) => s + x * (9 - i), 0) - d[8]!;
    if (sum % 11 === 0) out.push(String(n).padStart(9, '0'));
  }
  return out;
}

/**
 * "Piramide en stapeling" in a real Chromium on Testdam: 24 Wmo clients from January 2024 (14 in
 * Noord, 10 in Zuid), 12 of whom stop at the end of June 2024, so 2024 → 2025 has 12 staying
 * licht and 12 going to zelfredzaam. The analist sees those exact numbers; a raadslid sees only
 * rounded, suppressed figures and cannot change the configuration; a beleidsadviseur can. Every
 * state is checked with axe-core.
 */
describe.runIf(runBrowserTests)('Piramide en stapeling in Chromium', () => {
  const PW = 'correct horse battery';
  let k: TestKoers;
  let browser: Browser;
  let served: DemoApp | undefined;
  let base: string;

  beforeAll(async () => {
    k = await openTestKoers(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite', { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    const h = (id: string, dag: string) => ({ std: 'iwmo' as const, gemeente: '9001', agb: '99000001', id, dag });
    const files = bsns(24).flatMap((bsn, i) => {
      const c = { bsn, postcode: i < 14 ? '9001AA' : '9001BB', huisnummer: String(i + 1) };
      return [
        file(`t${i}.xml`, msg301(h(`T${i}`, '2024-01-02'), c, [{ nr: `${100 + i}`, cat: '01', tdatum: '2024-01-02', ingang: '2024-01-02' }])),
        file(`s${i}.xml`, msg305(h(`S${i}`, '2024-01-05'), c, [{ nr: `${100 + i}`, cat: '01', ingang: '2024-01-02', begin: '2024-01-03' }])),
        ...(i % 2 ? [file(`e${i}.xml`, msg307(h(`E${i}`, '2024-06-30'), c, [{ nr: `${100 + i}`, cat: '01', ingang: '2024-01-02', begin: '2024-01-03', eind: '2024-06-30', reden: '19' }]))] : []),
      ];
    });
    const late = file('late.xml', msg301(h('LATE', '2026-01-10'), { bsn: bsns(1)[0]!, postcode: '9001AA', huisnummer: '1' }, [{ nr: '999', cat: '01', tdatum: '2026-01-10', ingang: '2026-02-01' }]));
    const s = await k.importFiles([...referenceFiles(), ...files, late], { source: 'test', asOf: '2026-01-10' });
    expect(s.files.filter((f) => f.status !== 'accepted').map((f) => `${f.name}: ${f.reason}`)).toEqual([]);
    for (const role of ['beleid', 'raad', 'analist'] as const) await addUser(k.db, { gemeenteCode: '9001', username: role, password: PW, role });
    served = await serveInBrowser(k);
    ({ browser, base } = served);
  }, 300_000);
  afterAll(async () => {
    await (served ? served.close() : k?.cleanup());
  });

  async function login(username: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL', bypassCSP: true });
    await page.goto(`${base}/login`);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(PW);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/monitor$/);
    return page;
  }

  const cellText = (page: Page, row: number, col: number) => page.getByTestId('flow-table').locator('tbody tr').nth(row).locator('td').nth(col).innerText();

  it('analist: reaches the page from the navigation with the keyboard; exact flows, pyramid and stapeling; no axe violations', async () => {
    const page = await login('analist');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const link = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Piramide' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/piramide$/);
    await page.getByRole('heading', { level: 1, name: 'Piramide en stapeling' }).waitFor();
    await page.getByTestId('flow-table').waitFor();
    // Rows: nieuw, zelfredzaam, licht, kwetsbaar; columns: zelfredzaam, licht, kwetsbaar, verhuisd, overleden, totaal.
    expect(await cellText(page, 2, 0)).toBe('12'); // licht → zelfredzaam
    expect(await cellText(page, 2, 1)).toBe('12'); // licht → licht
    expect(await cellText(page, 2, 5)).toBe('24');
    expect(await page.getByTestId('flow-summary').innerText()).toBe('Van 2024 naar 2025 gingen 12 inwoners naar lichtere ondersteuning, 0 inwoners naar zwaardere ondersteuning, 12 inwoners in dezelfde groep.');
    expect(await page.getByTestId('pyramid-licht').locator('td').first().innerText()).toBe('12');
    await page.getByTestId('flow-chart').waitFor();
    expect(await page.getByTestId('flow-chart').getAttribute('aria-label')).toMatch(/^Stroomdiagram van 2024 naar 2025/);
    expect(await page.getByTestId('stapeling-table').locator('tbody tr').first().innerText()).toMatch(/^2024\s+24\s+24\s+0\s+0\s+0$/);
    // Per wijk: Zuid has clients 14..23 (10), of whom the odd ones (5) stopped in 2024.
    await page.getByTestId('area-select').selectOption({ label: 'Zuid' });
    await page.waitForURL(/area=WK900101/);
    await expect.poll(() => cellText(page, 2, 5)).toBe('10');
    expect(await axeViolations(page)).toEqual([]);
    // The analist cannot change the configuration.
    expect(await page.getByText('Grenzen en streefwaarden aanpassen').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('raad: only rounded or suppressed figures, no exact small counts, no configuration form; no axe violations', async () => {
    const page = await login('raad');
    await page.goto(`${base}/piramide`);
    await page.getByTestId('flow-table').waitFor();
    const table = await page.getByTestId('flow-table').innerText();
    // Every number a raadslid sees is a multiple of 5; small cells show the privacy mark.
    const numbers = [...table.matchAll(/\b\d+\b/g)].map((m) => Number(m[0])).filter((n) => n < 2000);
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.every((n) => n % 5 === 0)).toBe(true);
    expect(table).toContain('.');
    expect(table).not.toMatch(/\b12\b/);
    const pyramid = await page.getByTestId('pyramid-licht').innerText();
    expect(pyramid).not.toMatch(/\b12\b/);
    // The summary names what the published cells show (rounded), also where a part has hidden cells:
    // licht → licht (12, shown as 10) is published, the other parts are hidden (before, the whole
    // sentence said the numbers were too small to show).
    expect(await page.getByTestId('flow-summary').innerText()).toBe("Van 2024 naar 2025 gingen ten minste zo'n 10 inwoners in dezelfde groep. Niet alle aantallen zijn te tonen (privacy).");
    expect(await page.getByText('Grenzen en streefwaarden aanpassen').count()).toBe(0);
    // The server refuses a change from the raad as well.
    const status = await page.evaluate(async () => {
      const { csrfToken } = await (await fetch('/api/auth/session')).json() as { csrfToken: string };
      const body = JSON.stringify({ minLaws: 2, residential: true, zrmMonths: 12, zrmMaxScore: 2, target: { zelfredzaam: 80, licht: 15, kwetsbaar: 5 } });
      return (await fetch('/api/segments/config', { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body })).status;
    });
    expect(status).toBe(403);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('beleid: changes the target; the pyramid shows it; audited', async () => {
    const page = await login('beleid');
    await page.goto(`${base}/piramide`);
    await page.getByTestId('pyramid-zelfredzaam').waitFor();
    await page.getByText('Grenzen en streefwaarden aanpassen').click();
    await page.getByLabel('Zelfredzaam', { exact: true }).fill('85');
    await page.getByLabel('Lichte ondersteuning').fill('10');
    await page.getByTestId('config-save').click();
    await page.getByText('Opgeslagen.').waitFor();
    await expect.poll(() => page.getByTestId('pyramid-zelfredzaam').locator('td').nth(2).innerText()).toBe('85 %');
    expect(await axeViolations(page)).toEqual([]);
    const logged = await k.db.selectFrom('audit_log').select(['action', 'username']).where('action', '=', 'segment_config').execute();
    expect(logged).toEqual([{ action: 'segment_config', username: 'beleid' }]);
  });
});
