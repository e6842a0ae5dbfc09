import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { sql } from '../../src/db/index.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';

// The fact views take an aanbieder's uitvoeringsvariant from contract_variant_span (migration 0017):
// one row per span of days on which the same contracts are valid. For any set of contracts (overlapping,
// with gaps, open-ended, starting on the same day) and any day, the span must give what the
// contract_variant() function gives for that day.
const VARIANTS = ['inspanningsgericht', 'outputgericht', 'taakgericht'] as const;
const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

const contractArb = fc.record({
  agb: fc.constantFrom('99000001', '99000002'),
  law: fc.constantFrom('wmo', 'jeugd'),
  variant: fc.constantFrom(...VARIANTS),
  from: fc.integer({ min: 0, max: 60 }),
  length: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
});

describe.each(ENGINES)('uitvoeringsvariant spans on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    await sql`insert into aanbieder (gemeente_code, agb_code, name) values ('9001', '99000001', 'A'), ('9001', '99000002', 'B')`.execute(k.db);
  });
  afterAll(async () => { await k?.cleanup(); });

  it('agree with contract_variant() for every contract set and day', async () => {
    await fc.assert(fc.asyncProperty(fc.array(contractArb, { maxLength: 6 }), async (contracts) => {
      await k.db.transaction().execute(async (trx) => {
        await sql`delete from contract where gemeente_code = '9001'`.execute(trx);
        for (const [i, c] of contracts.entries()) {
          await sql`insert into contract (gemeente_code, contract_code, agb_code, law, uitvoeringsvariant, valid_from, valid_to)
                    values ('9001', ${`C${i}`}, ${c.agb}, ${c.law}, ${c.variant}, ${day(c.from)}, ${c.length === null ? null : day(c.from + c.length)})`.execute(trx);
        }
        // Every day from before the first contract to after the last, for each aanbieder and law.
        const rows = await sql<{ agb: string; law: string; d: string; fn: string | null; span: string | null; spans: number }>`
          select a.agb, l.law, d::date::text as d, contract_variant('9001', a.agb, l.law, d::date) as fn,
                 (select s.uitvoeringsvariant from contract_variant_span s
                   where s.gemeente_code = '9001' and s.agb_code = a.agb and s.law = l.law and s.span_from <= d::date and (s.span_to is null or s.span_to > d::date)) as span,
                 (select count(*)::int from contract_variant_span s
                   where s.gemeente_code = '9001' and s.agb_code = a.agb and s.law = l.law and s.span_from <= d::date and (s.span_to is null or s.span_to > d::date)) as spans
            from (values ('99000001'), ('99000002')) a(agb) cross join (values ('wmo'), ('jeugd')) l(law)
            cross join generate_series(${day(-2)}::date, ${day(105)}::date, interval '1 day') d`.execute(trx);
        for (const r of rows.rows) {
          expect(r.spans, `${r.agb} ${r.law} ${r.d}`).toBeLessThanOrEqual(1);
          expect(r.span, `${r.agb} ${r.law} ${r.d}`).toBe(r.fn);
        }
      });
    }), { numRuns: 40 });
  });
});
