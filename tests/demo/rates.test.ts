import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoModel } from '../../src/demo/index.js';
import { isValidBsn } from '../../src/privacy/bsn.js';
import { ageOnIso, isActive, readTraffic, type Traffic } from './traffic.js';

const iso = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const TAAKGERICHT = ['99000107', '99000166'];

describe('demo gemeente at scale 1 (in memory)', () => {
  let model: DemoModel;
  let traffic: Traffic;

  // How long generation takes is a benchmark figure (`npm run bench` prints it), not a test.
  beforeAll(() => {
    model = generateDemo({ scale: 1 });
    // Generiek toewijzingen carry no Product: an importer takes the category from contracten.csv.
    const contractCategory = new Map(model.contracts.map((c) => [c.agb, c.productcategorie]));
    traffic = readTraffic(model, (_m, agb) => contractCategory.get(agb));
  }, 180_000);

  function population(year: number, from = 0, to = 100): number {
    return model.population.filter((r) => r.jaar === year && r.leeftijd >= from && r.leeftijd <= to).reduce((s, r) => s + r.inwoners, 0);
  }

  it('has about 60 000 inhabitants with a Dutch age structure, every wijk inhabited', () => {
    const total = population(2024);
    expect(total).toBeGreaterThan(55_000);
    expect(total).toBeLessThan(66_000);
    expect(population(2024, 0, 17) / total).toBeGreaterThan(0.17);
    expect(population(2024, 0, 17) / total).toBeLessThan(0.24);
    expect(population(2024, 65) / total).toBeGreaterThan(0.16);
    expect(population(2024, 65) / total).toBeLessThan(0.26);
    for (const year of [...new Set(model.population.map((r) => r.jaar))]) {
      for (const w of model.wijken) {
        const n = model.population.filter((r) => r.jaar === year && r.wijk === w.code).reduce((s, r) => s + r.inwoners, 0);
        expect(n, `${year} ${w.code}`).toBeGreaterThan(2000);
      }
    }
    expect(population(2026)).toBeGreaterThan(population(2021));
  });

  it('hits the Wmo and jeugd rates on 2024-07-01', () => {
    const date = '2024-07-01';
    const wmo = new Set<number>();
    const jeugdhulp = new Set<number>();
    const jeugdbescherming = new Set<number>();
    const jeugdreclassering = new Set<number>();
    for (const t of traffic.trajectories) {
      if (!isActive(t, date)) continue;
      const p = model.persons[t.toewijzing.personId]!;
      const age = ageOnIso(iso(p.birthDay), date);
      if (t.toewijzing.law === 'wmo') wmo.add(p.id);
      else if (t.toewijzing.categorie === '48') {
        if (age <= 17) jeugdbescherming.add(p.id);
      } else if (t.toewijzing.categorie === '47') {
        if (age >= 12 && age <= 22) jeugdreclassering.add(p.id);
      } else if (age <= 17) jeugdhulp.add(p.id);
    }
    const wmoShare = wmo.size / population(2024);
    const youthShare = jeugdhulp.size / population(2024, 0, 17);
    expect(wmoShare).toBeGreaterThan(0.045);
    expect(wmoShare).toBeLessThan(0.08);
    expect(youthShare).toBeGreaterThan(0.07);
    expect(youthShare).toBeLessThan(0.13);
    const jb = jeugdbescherming.size / population(2024, 0, 17);
    expect(jb).toBeGreaterThan(0.005);
    expect(jb).toBeLessThan(0.02);
    const jr = jeugdreclassering.size / population(2024, 12, 22);
    expect(jr).toBeGreaterThan(0.0008);
    expect(jr).toBeLessThan(0.008);
  });

  it('gives every person a unique valid BSN', () => {
    const seen = new Set<string>();
    for (const p of model.persons) {
      expect(isValidBsn(p.bsn), p.bsn).toBe(true);
      seen.add(p.bsn);
    }
    expect(seen.size).toBe(model.persons.length);
  });

  it('links every 305 and 307 to an existing toewijzing of the same law, person and aanbieder', () => {
    expect(traffic.problems).toEqual([]);
    const owner = new Map<string, { personId: number; aanbieder: string }>();
    for (const m of model.messages) for (const t of m.toegewezen ?? []) owner.set(`${m.law}:${t.nummer}`, { personId: m.personId, aanbieder: m.ontvanger });
    const bad: string[] = [];
    for (const m of model.messages) {
      for (const line of [...(m.starts ?? []), ...(m.stops ?? [])]) {
        const o = owner.get(`${m.law}:${line.nummer}`);
        if (!o || o.personId !== m.personId || o.aanbieder !== m.afzender) bad.push(`${m.path}: ${line.nummer}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('keeps the message traffic consistent with the iStandaarden rules', () => {
    const asOf = model.options.asOfDay;
    const ids = new Set<string>();
    const postcodes = new Map(model.postcodes.map((p) => [p.postcode, p.wijk]));
    const bad: string[] = [];
    for (const m of model.messages) {
      const idKey = `${m.type}|${m.afzender}|${m.identificatie}`;
      if (ids.has(idKey)) bad.push(`${m.path}: duplicate Identificatie`);
      ids.add(idKey);
      if (m.dagtekening > asOf) bad.push(`${m.path}: Dagtekening after asOf`);
      if (TAAKGERICHT.includes(m.afzender) || TAAKGERICHT.includes(m.ontvanger)) bad.push(`${m.path}: taakgericht aanbieder in messages`);
      if (m.toegewezen) {
        if (m.afzender !== '9001' || !/^\d{8}$/.test(m.ontvanger)) bad.push(`${m.path}: 301 header`);
        for (const t of m.toegewezen) {
          if (t.eind < t.ingang) bad.push(`${m.path}: Einddatum before Ingangsdatum`);
          if (t.redenWijziging === '13' && t.eind !== t.ingang) bad.push(`${m.path}: RedenWijziging 13 without Einddatum = Ingangsdatum`);
          if (t.toewijzingsdatum > m.dagtekening) bad.push(`${m.path}: Toewijzingsdatum after Dagtekening`);
          if (t.redenWijziging === '01') bad.push(`${m.path}: RedenWijziging 01 is not used`);
        }
        const p = model.persons[m.personId]!;
        const period = [...p.addresses].reverse().find((a) => a.from <= m.dagtekening) ?? p.addresses[0]!;
        const address = model.addresses[period.address]!;
        if (postcodes.get(address.postcode) !== model.wijken[address.wijk]!.code) bad.push(`${m.path}: postcode not in its wijk`);
      } else if (m.antwoord || m.declaratieAntwoord) {
        if (m.afzender !== '9001' || !/^\d{8}$/.test(m.ontvanger)) bad.push(`${m.path}: 319/325 header`);
      } else if (m.ontvanger !== '9001' || !/^\d{8}$/.test(m.afzender)) bad.push(`${m.path}: 305/307/315/317/323 header`);
      for (const s of m.starts ?? []) if (s.begin > m.dagtekening) bad.push(`${m.path}: Begindatum after Dagtekening`);
      for (const s of m.stops ?? []) {
        if (s.eind > m.dagtekening) bad.push(`${m.path}: Einddatum after Dagtekening`);
        if (s.eind < s.begin) bad.push(`${m.path}: Einddatum before Begindatum`);
        const wmoCodes = ['02', '19', '20', '21', '22', '23', '31', '36', '37', '38', '39'];
        const jeugdCodes = ['02', '20', '31', '32', '33', '34', '35', '36', '37', '38', '39'];
        if (!(m.law === 'wmo' ? wmoCodes : jeugdCodes).includes(s.reden)) bad.push(`${m.path}: reden ${s.reden}`);
      }
    }
    expect(bad.slice(0, 20)).toEqual([]);
    const types = new Set(model.messages.map((m) => m.type));
    expect([...types].sort()).toEqual([
      'JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319', 'JW323', 'JW325',
      'WMO301', 'WMO305', 'WMO307', 'WMO315', 'WMO317', 'WMO319', 'WMO323', 'WMO325',
    ]);
  });

  it('contains the special cases of real traffic', () => {
    const lines301 = model.messages.flatMap((m) => (m.toegewezen ?? []).filter((t) => t.toewijzingsdatum === m.dagtekening));
    const reden = (code: string): number => lines301.filter((t) => t.redenWijziging === code).length;
    for (const code of ['02', '04', '05', '06', '09', '12', '13', '14']) expect(reden(code), `RedenWijziging ${code}`).toBeGreaterThan(10);
    const stops = model.messages.flatMap((m) => (m.stops ?? []).map((s) => ({ ...s, law: m.law, late: m.dagtekening - s.eind })));
    expect(stops.filter((s) => s.reden === '20').length).toBeGreaterThan(20);
    expect(stops.filter((s) => s.reden === '38').length).toBeGreaterThan(20);
    expect(stops.filter((s) => s.law === 'wmo' && s.reden === '02').length).toBeGreaterThan(50);
    expect(stops.filter((s) => s.late > 30).length).toBeGreaterThan(100);
    expect(model.messages.some((m) => m.starts?.some((s) => s.status === '3'))).toBe(true);
    expect(model.messages.some((m) => (m.toegewezen?.length ?? 0) > 1)).toBe(true);
    const started = new Set(traffic.trajectories.map((t) => `${t.toewijzing.law}:${t.toewijzing.nummer}`));
    const notStarted = [...traffic.toewijzingen].filter(([k, t]) => !t.removed && !started.has(k)).length;
    expect(notStarted).toBeGreaterThan(50);

    // Herhaald beroep: a new trajectory in the same law after a gap.
    const byPerson = new Map<string, { start: string; end: string | null }[]>();
    for (const t of traffic.trajectories) {
      const k = `${t.toewijzing.personId}|${t.toewijzing.law}`;
      byPerson.set(k, [...(byPerson.get(k) ?? []), { start: t.start, end: t.end }]);
    }
    let repeat = 0;
    for (const list of byPerson.values()) {
      list.sort((a, b) => (a.start < b.start ? -1 : 1));
      if (list.some((t, i) => i > 0 && list.slice(0, i).every((p) => p.end !== null && p.end < t.start))) repeat++;
    }
    expect(repeat).toBeGreaterThan(300);
  });

  it('never lists the same product twice for overlapping periods in one 301 (TR302)', () => {
    const bad: string[] = [];
    for (const m of model.messages) {
      const lines = (m.toegewezen ?? []).filter((t) => t.redenWijziging !== '13');
      for (let i = 0; i < lines.length; i++) {
        for (let j = i + 1; j < lines.length; j++) {
          const a = lines[i]!;
          const b = lines[j]!;
          if ((a.code ?? a.categorie) === (b.code ?? b.categorie) && a.ingang <= b.eind && b.ingang <= a.eind) bad.push(m.path);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('shows the trends and differences the demo is meant to show', () => {
    // Wmo clients per 1 000 rise with ageing.
    const wmoPer1000 = (year: number): number => {
      const date = `${year}-07-01`;
      const persons = new Set(traffic.trajectories.filter((t) => t.toewijzing.law === 'wmo' && isActive(t, date)).map((t) => t.toewijzing.personId));
      return (persons.size / population(year)) * 1000;
    };
    expect(wmoPer1000(2026)).toBeGreaterThan(wmoPer1000(2021));

    // Fewer jeugd starts in Vogelbuurt (WK900103) after the 2023 prevention programme.
    const wijkOn = (personId: number, date: string): number => {
      const p = model.persons[personId]!;
      const day = Date.parse(date) / 86_400_000;
      const period = [...p.addresses].reverse().find((a) => a.from <= day) ?? p.addresses[0]!;
      return model.addresses[period.address]!.wijk;
    };
    const jeugdStarts = (year: number) => traffic.trajectories.filter((t) => t.toewijzing.law === 'jeugd' && t.start.startsWith(String(year)));
    const vogel = (year: number) => jeugdStarts(year).filter((t) => wijkOn(t.toewijzing.personId, t.start) === 3).length;
    expect(vogel(2025)).toBeLessThan(vogel(2022) * 0.8);

    // Fewer starts in July/August and December than in the other months.
    const byMonth = new Array<number>(12).fill(0);
    for (const t of traffic.trajectories) if (t.start >= '2021-01-01' && t.start < '2026-01-01') byMonth[Number(t.start.slice(5, 7)) - 1]!++;
    const others = byMonth.filter((_, i) => ![6, 7, 11].includes(i));
    const mean = others.reduce((s, x) => s + x, 0) / others.length;
    expect(byMonth[6]!).toBeLessThan(mean * 0.9);
    expect(byMonth[7]!).toBeLessThan(mean * 0.9);
    expect(byMonth[11]!).toBeLessThan(mean * 0.95);

    // Jeugdhulp De Brug has much more uitval (32/33) than the other jeugd aanbieders.
    const uitval = (agb: string | null): number => {
      const ended = traffic.trajectories.filter(
        (t) => t.toewijzing.law === 'jeugd' && t.endReason && !['02', '36', '37', '38'].includes(t.endReason) && (agb === null ? t.toewijzing.aanbieder !== '99000115' : t.toewijzing.aanbieder === agb),
      );
      return ended.filter((t) => t.endReason === '32' || t.endReason === '33').length / ended.length;
    };
    expect(uitval('99000115')).toBeGreaterThan(uitval(null) * 1.4);
    // ... and its contract ended on 2025-12-31: no care there afterwards, clients moved (36 + RedenWijziging 03).
    const afterContract = traffic.trajectories.filter((t) => t.toewijzing.aanbieder === '99000115' && t.start > '2025-12-31');
    expect(afterContract).toEqual([]);
    const running = traffic.trajectories.filter((t) => t.toewijzing.aanbieder === '99000115' && t.start <= '2025-12-31' && (t.end === null || t.end > '2025-12-31'));
    expect(running).toEqual([]);

    // Stapeling: households (same address) with Wmo and Jeugd at the same time.
    const date = '2024-07-01';
    const day = Date.parse(date) / 86_400_000;
    const laws = new Map<number, Set<string>>();
    for (const t of traffic.trajectories) {
      if (!isActive(t, date)) continue;
      const p = model.persons[t.toewijzing.personId]!;
      const period = [...p.addresses].reverse().find((a) => a.from <= day) ?? p.addresses[0]!;
      const set = laws.get(period.address) ?? new Set<string>();
      set.add(t.toewijzing.law);
      laws.set(period.address, set);
    }
    const multi = [...laws.values()].filter((s) => s.size > 1).length;
    expect(multi / laws.size).toBeGreaterThan(0.02);
  });
});
