import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { sql } from '../../src/db/index.js';
import { flowOf, recomputeSegments, stapelingOf, type PersonFacts, type Provision } from '../../src/steering/segments/index.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';

/**
 * The SQL of recomputeSegments against the pure rules (rules.ts) on random persons: provisions of
 * every law (residential Wmo among them) entering and leaving within the years, deaths and moves
 * as end reasons, moves between wijken and out of the gemeente, births, ZRM assessments, shared
 * households. Facts are written straight into the store's tables (the import path is tested
 * elsewhere); the flows 2024 → 2025 per gemeente and wijk and the stapeling of 2025 must match.
 */
const G = '9001';
const WIJKEN = ['WK900100', 'WK900101'];
const Y24 = { start: '2024-01-01', end: '2024-12-31' };
const Y25 = { start: '2025-01-01', end: '2025-12-31' };

const day = fc.integer({ min: -200, max: 760 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10));
const addDays = (d: string, n: number) => new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10);
type Gen = { law: 'wmo' | 'jeugd' | 'pwet' | 'schuldhulp'; residential: boolean; start: string; len: number | null; reason: 'overlijden' | 'verhuizing' | null };
const provision = fc.record({
  law: fc.constantFrom('wmo', 'jeugd', 'pwet', 'schuldhulp') as fc.Arbitrary<Gen['law']>, residential: fc.boolean(), start: day,
  len: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }), reason: fc.constantFrom(null, null, 'overlijden', 'verhuizing') as fc.Arbitrary<Gen['reason']>,
});
const person = fc.record({
  provisions: fc.array(provision, { minLength: 1, maxLength: 3 }),
  residences: fc.array(fc.record({ from: day, wijk: fc.constantFrom(WIJKEN[0]!, WIJKEN[1]!, null) }), { minLength: 1, maxLength: 3 }),
  born: fc.constantFrom([1950, 3], [2024, 8], [2025, 2], null) as fc.Arbitrary<[number, number] | null>,
  // Up to three assessments, so the latest one within the window is the one that counts.
  zrm: fc.array(fc.record({ date: day, financien: fc.integer({ min: 1, max: 5 }), werk: fc.integer({ min: 1, max: 5 }), huisvesting: fc.integer({ min: 1, max: 5 }) }), { maxLength: 3 }),
  household: fc.integer({ min: 0, max: 6 }),
});

describe.each(ENGINES)('segment SQL equals the pure rules, on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, G, 'Testdam');
    for (const y of [2024, 2025]) for (const w of WIJKEN) await sql`insert into population values (${G}, ${y}, ${w}, 40, 'V', 500)`.execute(k.db);
    await sql`insert into received_message (gemeente_code, message_id, sha256, standard, law, message_type, berichtcode, afzender, ontvanger, identificatie, dagtekening, source_name, byte_size, payload)
      values (${G}, ${crypto.randomUUID()}, ${'0'.repeat(64)}, 'iwmo', 'wmo', '301', 414, 'x', 'y', 'LAST', '2026-01-15', 'test', 1, '{}')`.execute(k.db);
  }, 60_000);
  afterAll(async () => { await k?.cleanup(); });

  it('property: flows per gemeente and wijk, and stapeling, as flowOf and stapelingOf say', async () => {
    await fc.assert(fc.asyncProperty(fc.array(person, { minLength: 1, maxLength: 25 }), async (persons) => {
      const db = k.db;
      for (const t of ['trajectory', 'benefit_spell', 'schuldhulp_case', 'zrm_assessment', 'person_residence', 'person']) await sql.raw(`delete from ${t} where gemeente_code = '${G}'`).execute(db);
      // A trajectory before 2024 so the data's extent starts before the first period.
      const facts: (PersonFacts & { household: string | null })[] = [];
      for (const [i, p] of persons.entries()) {
        const id = `p${i}`;
        await sql`insert into person (gemeente_code, person_id, birth_year, birth_month) values (${G}, ${id}, ${p.born?.[0] ?? null}, ${p.born?.[1] ?? null})`.execute(db);
        const residences = [...new Map(p.residences.map((r) => [r.from, r])).values()];
        const household = p.household ? `h${p.household}` : null;
        for (const r of residences) await sql`insert into person_residence values (${G}, ${id}, ${r.from}, ${r.wijk}, ${household})`.execute(db);
        const provisions: Provision[] = [];
        const ends: { date: string; reason: 'overlijden' | 'verhuizing' }[] = [];
        const seen = new Set<string>();
        for (const [j, x] of p.provisions.entries()) {
          const end = x.len === null ? null : addDays(x.start, x.len);
          const key = `${x.law}|${x.start}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const reason = end ? x.reason : null;
          const residential = x.law === 'wmo' && x.residential;
          if (x.law === 'wmo' || x.law === 'jeugd') {
            const code = reason === 'overlijden' ? '02' : reason === 'verhuizing' && x.law === 'wmo' ? '31' : end ? '19' : null;
            await sql`insert into trajectory (gemeente_code, person_id, law, category_code, agb_code, start_date, end_date, end_reason, toewijzing_nummers)
              values (${G}, ${id}, ${x.law}, ${residential ? '15' : x.law === 'wmo' ? '01' : '45'}, '99000001', ${x.start}, ${end}, ${code}, ${[`${i}-${j}`]}::text[])`.execute(db);
            if (reason === 'overlijden' || (reason === 'verhuizing' && x.law === 'wmo')) ends.push({ date: end!, reason });
          } else if (x.law === 'pwet') {
            await sql`insert into benefit_spell (gemeente_code, person_id, regeling, start_date, end_date, end_reason) values (${G}, ${id}, 'bijstand', ${x.start}, ${end}, ${reason})`.execute(db);
            if (reason) ends.push({ date: end!, reason });
          } else {
            await sql`insert into schuldhulp_case (gemeente_code, case_id, person_id, aanmelding_date, end_date, end_reason) values (${G}, ${`${i}-${j}`}, ${id}, ${x.start}, ${end}, ${reason === 'overlijden' ? 'overleden' : reason === 'verhuizing' ? 'verhuisd' : null})`.execute(db);
            if (reason) ends.push({ date: end!, reason });
          }
          provisions.push({ law: x.law, start: x.start, end, residential });
        }
        const zrm = [...new Map(p.zrm.map((z) => [z.date, { date: z.date, scores: { financien: z.financien, werk_opleiding: z.werk, huisvesting: z.huisvesting } }])).values()];
        for (const z of zrm) for (const [domain, score] of Object.entries(z.scores)) {
          await sql`insert into zrm_assessment (gemeente_code, person_id, assessment_date, domain, moment, version, source_domain, score) values (${G}, ${id}, ${z.date}, ${domain}, 'intake', '2017', ${domain}, ${score})`.execute(db);
        }
        facts.push({ provisions, zrm, born: p.born ? `${p.born[0]}-${String(p.born[1]).padStart(2, '0')}-01` : null, residences, ends, household });
      }
      await sql`insert into trajectory (gemeente_code, person_id, law, category_code, agb_code, start_date, end_date, toewijzing_nummers) values (${G}, 'p0', 'wmo', '01', '99000009', '2023-01-01', '2023-01-31', ${['x']}::text[])`.execute(db);
      facts[0]!.provisions = [...facts[0]!.provisions, { law: 'wmo', start: '2023-01-01', end: '2023-01-31' }];

      await recomputeSegments(db, G, null);

      // Expected from the pure rules.
      const want = new Map<string, number>();
      const bump = (key: string) => want.set(key, (want.get(key) ?? 0) + 1);
      for (const f of facts) {
        const x = flowOf(f, Y24, Y25);
        if (!x) continue;
        bump(`GM${G}|${x.from}|${x.to}`);
        if (x.wijk) bump(`${x.wijk}|${x.from}|${x.to}`);
      }
      const got = (await sql<{ area_code: string; from_segment: string; to_segment: string; persons: number }>`
        select area_code, from_segment, to_segment, persons from segment_flow where gemeente_code = ${G} and period_type = 'year' and to_period = '2025'`.execute(db)).rows;
      expect(new Map(got.map((r) => [`${r.area_code}|${r.from_segment}|${r.to_segment}`, Number(r.persons)]))).toEqual(want);

      // Stapeling 2025 at gemeente level: households by address (or the person alone).
      const hh = new Map<string, Provision[]>();
      facts.forEach((f, i) => {
        const key = wijkHousehold(f, i);
        hh.set(key, [...(hh.get(key) ?? []), ...f.provisions]);
      });
      const stap = new Map<string, number>();
      for (const ps of hh.values()) {
        const s = stapelingOf(ps, Y25.start, Y25.end);
        if (!s) continue;
        for (const k2 of ['total|', `count|${s.count}`, `combo|${s.combo}`]) stap.set(k2, (stap.get(k2) ?? 0) + 1);
      }
      const gotStap = (await sql<{ kind: string; item: string; households: number }>`
        select kind, item, households from segment_stapeling where gemeente_code = ${G} and period = '2025' and area_code = ${`GM${G}`}`.execute(db)).rows;
      expect(new Map(gotStap.map((r) => [`${r.kind}|${r.item}`, Number(r.households)]))).toEqual(stap);
    }), { numRuns: engine === 'pglite' ? 25 : 15 });
  }, 600_000);
});

/** The household on 2025-12-31: the address key of the person's residence then (all residences share it here), else the person. */
function wijkHousehold(f: PersonFacts & { household: string | null }, i: number): string {
  return f.household ?? `p:p${i}`;
}
