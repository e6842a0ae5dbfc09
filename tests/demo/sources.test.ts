/**
 * The demo's tabular sources and the request/declaration traffic at scale 1 (in memory): every
 * file in its Koers format (recognised by its header, every row valid for the importer's mapping),
 * consistent with the residents and trajectories, and with rates plausible for a gemeente of 60 000
 * that differ between wijken and move over the years.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoModel } from '../../src/demo/index.js';
import { SOURCE_FILES, type Row } from '../../src/demo/sources.js';
import { detectSource } from '../../src/ingest/tabular/detect.js';
import { compileMapping, defaultMapping, mapRecord } from '../../src/ingest/tabular/mapping.js';
import { isValidBsn } from '../../src/privacy/bsn.js';

const iso = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const days = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;
const KWETSBAAR = 'WK900108'; // Kanaalzone
const WELVAREND = 'WK900107'; // Westrand

describe('demo tabular sources and request/declaration traffic at scale 1', () => {
  let model: DemoModel;
  let wijkOfPostcode: Map<string, string>;

  beforeAll(() => {
    model = generateDemo({ scale: 1 });
    wijkOfPostcode = new Map(model.postcodes.map((p) => [p.postcode, p.wijk]));
  }, 180_000);

  const rows = (key: (typeof SOURCE_FILES)[number][1]): Row[] => model.sources[key];
  const adults = (year: number, wijk?: string): number =>
    model.population.filter((r) => r.jaar === year && r.leeftijd >= 18 && (!wijk || r.wijk === wijk)).reduce((s, r) => s + r.inwoners, 0);
  const running = (r: Row, date: string, from = 'startdatum', to = 'einddatum'): boolean => String(r[from]) <= date && (r[to] === '' || String(r[to]) >= date);

  it('writes every source in its Koers format: recognised by the header, every row valid', () => {
    for (const [name, key, header] of SOURCE_FILES) {
      const source = detectSource([...header]);
      expect(source, name).not.toBeNull();
      const cm = compileMapping(defaultMapping(source!, [...header]), [...header]);
      const list = rows(key);
      expect(list.length, name).toBeGreaterThan(0);
      const bad: string[] = [];
      for (const r of list) {
        const rec = mapRecord(cm, header.map((h) => (r[h] === undefined || r[h] === '' ? null : String(r[h]))));
        if (rec.errors.length) bad.push(`${name}: ${JSON.stringify(rec.errors)} ${JSON.stringify({ ...r, bsn: '*' })}`);
      }
      expect(bad.slice(0, 5), `${bad.length} invalid rows`).toEqual([]);
    }
  });

  it('uses the residents of the messages (same BSNs, known postcodes) and keeps dates in order', () => {
    const bsns = new Set(model.persons.map((p) => p.bsn));
    const pairs: Record<string, [string, string][]> = {
      benefits: [['startdatum', 'einddatum']], toegang: [['melddatum', 'aanvraagdatum'], ['melddatum', 'besluitdatum']],
      schuldhulp: [['aanmelddatum', 'eerste_gesprek'], ['aanmelddatum', 'einddatum']], algemeneVoorzieningen: [['startdatum', 'einddatum']],
      planGoals: [['startdatum', 'evaluatiedatum']],
    };
    for (const [, key] of SOURCE_FILES) {
      for (const r of rows(key)) {
        if (r.bsn !== undefined) {
          expect(isValidBsn(String(r.bsn))).toBe(true);
          expect(bsns.has(String(r.bsn))).toBe(true);
        }
        if (r.postcode !== undefined) expect(wijkOfPostcode.has(String(r.postcode))).toBe(true);
        for (const [a, b] of pairs[key] ?? []) if (r[a] !== '' && r[b] !== '') expect(String(r[b]) >= String(r[a]), `${key} ${a} ${b}`).toBe(true);
        for (const [k, v] of Object.entries(r)) if (/datum|gesprek/.test(k) && v !== '') expect(String(v) <= model.options.asOf, `${key}.${k}`).toBe(true);
      }
    }
  });

  it('has about 300–400 bijstand benefits per 10 000 inhabitants 18+, far more in the kwetsbare wijk', () => {
    for (const year of [2021, 2024, 2026]) {
      const date = `${year}-06-30`;
      const n = rows('benefits').filter((r) => r.regeling === 'bijstand' && running(r, date)).length;
      const per10k = (n / adults(year)) * 10_000;
      expect(per10k, String(year)).toBeGreaterThan(250);
      expect(per10k, String(year)).toBeLessThan(450);
    }
    const inWijk = (w: string) => rows('benefits').filter((r) => running(r, '2024-06-30') && wijkOfPostcode.get(String(r.postcode)) === w).length / adults(2024, w);
    expect(inWijk(KWETSBAAR)).toBeGreaterThan(2.5 * inWijk(WELVAREND));
    const kinds = new Set(rows('benefits').map((r) => r.huishouden));
    for (const k of ['alleenstaand', 'alleenstaande_ouder', 'paar_met_kinderen']) expect(kinds.has(k)).toBe(true);
  });

  it('shows more bijstand outflow to work after the Werkfit approach (2023)', () => {
    const werkShare = (years: string[]) => {
      const ends = rows('benefits').filter((r) => years.some((y) => String(r.einddatum).startsWith(y)));
      return ends.filter((r) => r.reden_einde === 'werk').length / ends.length;
    };
    expect(werkShare(['2021', '2022'])).toBeGreaterThan(0.2);
    expect(werkShare(['2024', '2025'])).toBeGreaterThan(werkShare(['2021', '2022']) + 0.05);
  });

  it('has schuldhulp for about 1% of households a year, mostly in time, more through vroegsignalering', () => {
    const households = model.population.filter((r) => r.jaar === 2024).reduce((s, r) => s + r.inwoners, 0) / 2.15;
    const year = (y: string) => rows('schuldhulp').filter((r) => String(r.aanmelddatum).startsWith(y));
    for (const y of ['2022', '2024', '2025']) {
      expect(year(y).length / households, y).toBeGreaterThan(0.006);
      expect(year(y).length / households, y).toBeLessThan(0.016);
    }
    const vroeg = (y: string) => year(y).filter((r) => r.vroegsignalering === 'ja').length / year(y).length;
    expect(vroeg('2025')).toBeGreaterThan(vroeg('2021') + 0.15);
    const inTime = year('2024').filter((r) => r.eerste_gesprek !== '' && (r.dreiging === 'geen' ? days(String(r.aanmelddatum), String(r.eerste_gesprek)) <= 28 : days(String(r.aanmelddatum), String(r.eerste_gesprek)) <= 5));
    expect(inTime.length / year('2024').length).toBeGreaterThan(0.75);
    expect(rows('schuldhulp').some((r) => r.dreiging === 'huisuitzetting')).toBe(true);
  });

  it('takes most Wmo besluiten within 8 weeks, faster in later years', () => {
    const within = (y: string) => {
      const list = rows('toegang').filter((r) => String(r.besluitdatum).startsWith(y));
      return list.filter((r) => days(String(r.melddatum), String(r.besluitdatum)) <= 56).length / list.length;
    };
    expect(within('2021')).toBeGreaterThan(0.7);
    expect(within('2025')).toBeGreaterThan(within('2021'));
    const besluiten = new Set(rows('toegang').map((r) => r.besluit));
    for (const b of ['toegekend', 'geen_aanvraag', 'afgewezen']) expect(besluiten.has(b)).toBe(true);
  });

  it('shows ZRM progress and GAS goal attainment for most plans, and outcomes per ended trajectory', () => {
    const byPlan = new Map<string, Row[]>();
    for (const r of rows('zrm')) byPlan.set(String(r.plannummer), [...(byPlan.get(String(r.plannummer)) ?? []), r]);
    let withTwo = 0;
    let progress = 0;
    for (const list of byPlan.values()) {
      const dates = [...new Set(list.map((r) => String(r.datum)))].sort();
      if (dates.length < 2) continue;
      withTwo++;
      const at = (d: string) => new Map(list.filter((r) => r.datum === d).map((r) => [r.domein, Number(r.score)]));
      const a = at(dates[0]!);
      const b = at(dates[dates.length - 1]!);
      const up = [...a].some(([k, v]) => b.get(k)! > v);
      const down = [...a].some(([k, v]) => b.get(k)! < v);
      if (up && !down) progress++;
    }
    expect(withTwo).toBeGreaterThan(500);
    expect(progress / withTwo).toBeGreaterThan(0.45);
    expect(progress / withTwo).toBeLessThan(0.9);
    for (const list of byPlan.values()) expect(list.length % 13).toBe(0);

    const evaluated = rows('planGoals').filter((r) => r.evaluatiedatum !== '');
    const ok = evaluated.filter((r) => Number(r.gas_score) >= 0).length / evaluated.length;
    expect(ok).toBeGreaterThan(0.6);
    expect(ok).toBeLessThan(0.9);

    const zonder = rows('outcomes').filter((r) => r.zonder_hulp_verder === 'ja').length / rows('outcomes').length;
    expect(zonder).toBeGreaterThan(0.45);
    expect(zonder).toBeLessThan(0.8);
  });

  it('has a yearly cliëntervaringsonderzoek with a quality-of-life question, and counts of algemene voorzieningen per wijk', () => {
    const cev = rows('clientExperience');
    expect(cev.filter((r) => r.thema === 'kwaliteit_van_leven').length).toBeGreaterThanOrEqual(8);
    for (const r of cev) expect(Number(r.eens) + Number(r.neutraal) + Number(r.oneens)).toBe(Number(r.respondenten));
    const counts = rows('algemeneVoorzieningenAantallen');
    expect(new Set(counts.map((r) => r.wijk)).size).toBe(10);
    expect(rows('algemeneVoorzieningen').length).toBeGreaterThan(1000);
  });

  it('has a begroting and monthly realisatie per taakveld', () => {
    const budget = rows('budget');
    const taakvelden = new Set(budget.map((r) => r.taakveld));
    for (const tv of ['6.3', '6.71', '6.72', '6.81', '6.82']) {
      expect(taakvelden.has(tv)).toBe(true);
      const real = budget.filter((r) => r.taakveld === tv && r.jaar === 2025 && r.soort === 'realisatie');
      expect(real.map((r) => r.maand)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      const total = real.reduce((s, r) => s + Number(r.bedrag), 0);
      const begroting = Number(budget.find((r) => r.taakveld === tv && r.jaar === 2025 && r.soort === 'begroting')!.bedrag);
      expect(total / begroting, tv).toBeGreaterThan(0.8);
      expect(total / begroting, tv).toBeLessThan(1.25);
    }
  });

  it('answers most 315s within 5 werkdagen by a 301 naming the ReferentieAanbieder, some by a 319', () => {
    const answered = new Map<string, number>();
    for (const m of model.messages) {
      for (const t of m.toegewezen ?? []) if (t.referentie) answered.set(`${m.ontvanger}|${t.referentie}`, Math.min(answered.get(`${m.ontvanger}|${t.referentie}`) ?? Infinity, m.dagtekening));
      if (m.antwoord) answered.set(`${m.ontvanger}|${m.antwoord.referentie}`, Math.min(answered.get(`${m.ontvanger}|${m.antwoord.referentie}`) ?? Infinity, m.dagtekening));
    }
    const requests = model.messages.filter((m) => m.aangevraagd || m.verzoek);
    const referenced = new Set(requests.map((m) => `${m.afzender}|${m.aangevraagd?.[0]?.referentie ?? m.verzoek!.referentie}`));
    // Every answer names a request of the same aanbieder.
    for (const k of answered.keys()) expect(referenced.has(k), k).toBe(true);
    const werkdagen = (from: number, to: number) => { let n = 0; for (let d = from + 1; d <= to; d++) { const wd = (d + 4) % 7; if (wd !== 0 && wd !== 6) n++; } return n; };
    const vot = requests.filter((m) => m.aangevraagd && iso(m.dagtekening) >= '2024-01-01' && iso(m.dagtekening) < '2026-01-01');
    const inTime = vot.filter((m) => { const a = answered.get(`${m.afzender}|${m.aangevraagd![0]!.referentie}`); return a !== undefined && werkdagen(m.dagtekening, a) <= 5; });
    expect(vot.length).toBeGreaterThan(1000);
    expect(inTime.length / vot.length).toBeGreaterThan(0.75);
    expect(inTime.length / vot.length).toBeLessThan(0.98);
    const vow = requests.filter((m) => m.verzoek);
    const refused = new Set(model.messages.filter((x) => x.antwoord?.antwoord === '1').map((x) => `${x.ontvanger}|${x.antwoord!.referentie}`));
    const granted = vow.filter((m) => {
      const k = `${m.afzender}|${m.verzoek!.referentie}`;
      return answered.has(k) && !refused.has(k);
    });
    expect(vow.length).toBeGreaterThan(1000);
    expect(granted.length / vow.length).toBeGreaterThan(0.55);
    expect(granted.length / vow.length).toBeLessThan(0.95);
  });

  it('declares monthly per aanbieder at contract tariffs; the 325 rejects a few prestaties, credits name an earlier debet', () => {
    const tariff = new Map(model.contracts.map((c) => [`${c.agb}|${c.productcode}`, c.tarief_cent]));
    const byNummer = new Map(model.toewijzingen.map((t) => [`${t.law}|${t.nummer}`, t]));
    let prestaties = 0;
    let rejected = 0;
    const problems: string[] = [];
    const debets = new Set<string>();
    for (const m of model.messages) {
      if (m.declaratie) {
        if (m.afzender === '99000107' || m.afzender === '99000166') problems.push(`${m.path}: taakgericht aanbieder declares`);
        for (const p of m.declaratie.prestaties) {
          prestaties++;
          const t = byNummer.get(`${m.law}|${p.nummer}`);
          if (p.tariefCent !== tariff.get(`${m.afzender}|${p.code}`) || p.bedragCent !== p.volume * p.tariefCent) problems.push(`${m.path} ${p.referentie}: tariff`);
          if (!t || t.aanbieder !== m.afzender || t.personId !== p.personId) problems.push(`${m.path} ${p.referentie}: toewijzing`);
          if (p.begin < m.declaratie.periodeBegin - 400 || p.eind > m.declaratie.periodeEind) problems.push(`${m.path} ${p.referentie}: period`);
          if (p.dc === 'C' && !debets.has(`${m.afzender}|${p.vorigReferentie}`)) problems.push(`${m.path} ${p.referentie}: credit without debet`);
          if (p.dc === 'D') debets.add(`${m.afzender}|${p.referentie}`);
        }
      }
      if (m.declaratieAntwoord) {
        rejected += m.declaratieAntwoord.afgewezen.length;
        if (m.declaratieAntwoord.declaratie.afzender !== m.ontvanger || m.dagtekening < m.declaratieAntwoord.declaratie.dagtekening) problems.push(`${m.path}: answer`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(prestaties).toBeGreaterThan(100_000);
    expect(rejected / prestaties).toBeGreaterThan(0.005);
    expect(rejected / prestaties).toBeLessThan(0.05);
  });

  it('ends trajectories with a realistic RedenBeeindiging mix', () => {
    const count = new Map<string, number>();
    for (const m of model.messages) for (const s of m.stops ?? []) if (s.reden !== '20') count.set(`${m.law}|${s.reden}`, (count.get(`${m.law}|${s.reden}`) ?? 0) + 1);
    for (const law of ['wmo', 'jeugd'] as const) {
      const total = [...count].filter(([k]) => k.startsWith(law)).reduce((s, [, n]) => s + n, 0);
      const share = (codes: string[]) => codes.reduce((s, c) => s + (count.get(`${law}|${c}`) ?? 0), 0) / total;
      if (law === 'wmo') {
        expect(share(['19'])).toBeGreaterThan(0.3);
        expect(share(['21', '22'])).toBeGreaterThan(0.03);
        for (const c of ['02', '36', '37', '38', '39']) expect(count.get(`wmo|${c}`) ?? 0, c).toBeGreaterThan(20);
      } else {
        expect(share(['31'])).toBeGreaterThan(0.3);
        expect(share(['32', '33'])).toBeGreaterThan(0.05);
        for (const c of ['34', '36', '38']) expect(count.get(`jeugd|${c}`) ?? 0, c).toBeGreaterThan(20);
      }
    }
  });
});
