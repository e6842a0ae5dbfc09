import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/index.js';
import { unitsSql } from '../../src/indicators/compiler.js';
import type { Boundary } from '../../src/indicators/definition.js';
import { periodsBetween, type Period, type PeriodType } from '../../src/model/periods.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';

/**
 * The periods a spell is placed in (boundaries active, active_at_start, active_at_end) as the
 * compiler joins them: by the month starts a spell can overlap, not by comparing every period. On
 * random spells (open, of one day, ending before they start, far before or after the periods) and
 * random runs of periods of some types, the units must be exactly the spell–period pairs for which
 * the boundary's definition holds, worked out here in JavaScript.
 */
const G = '9001';
const TYPES: PeriodType[] = ['year', 'halfyear', 'quarter', 'month'];
const day = fc.integer({ min: -500, max: 2000 }).map((d) => new Date(Date.UTC(2023, 0, 1 + d)).toISOString().slice(0, 10));
const spell = fc.record({ start: day, end: fc.option(day, { nil: null }) });

const holds: Record<string, (s: string, e: string | null, p: Period) => boolean> = {
  active: (s, e, p) => s <= p.end && (e === null || e >= p.start),
  active_at_start: (s, e, p) => s <= p.start && (e === null || e >= p.start),
  active_at_end: (s, e, p) => s <= p.end && (e === null || e >= p.end),
};

describe.each(ENGINES)('spells placed in periods, on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
  }, 60_000);
  afterAll(async () => { await k?.cleanup(); });

  it('property: the units of a spell are the periods its boundary names, no more, no fewer, each once', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(spell, { minLength: 1, maxLength: 30 }),
      fc.subarray(TYPES, { minLength: 1 }),
      fc.integer({ min: 2022, max: 2026 }), fc.integer({ min: 0, max: 3 }),
      fc.constantFrom<Boundary>('active', 'active_at_start', 'active_at_end'),
      async (spells, types, firstYear, years, boundary) => {
        const periods = types.flatMap((t) => periodsBetween(t, `${firstYear}-01-01`, `${firstYear + years}-12-31`));
        const span = { types, from: periods.reduce((m, p) => (p.start < m ? p.start : m), periods[0]!.start), to: periods.reduce((m, p) => (p.end > m ? p.end : m), periods[0]!.end) };
        const expected = spells.flatMap((s, i) => periods.filter((p) => holds[boundary]!(s.start, s.end, p)).map((p) => `${i}|${p.type}|${p.key}`)).sort();
        const got = await k.db.transaction().execute(async (trx) => {
          await sql`create temp table spells (gemeente_code char(4), person_id text, start_date date, end_date date) on commit drop`.execute(trx);
          await sql`insert into spells select ${G}, * from unnest(${spells.map((_, i) => String(i))}::text[], ${spells.map((s) => s.start)}::date[], ${spells.map((s) => s.end)}::date[])`.execute(trx);
          const units = unitsSql({ fact: 'trajectory', boundary }, `'${G}'`, undefined, new Set(), 'spells', span);
          const r = await sql<{ k: string }>`with p(period_type, period, p_start, p_end, year) as (
              select * from unnest(${periods.map((p) => p.type)}::text[], ${periods.map((p) => p.key)}::text[], ${periods.map((p) => p.start)}::date[], ${periods.map((p) => p.end)}::date[], ${periods.map((p) => p.year)}::int[]))
            select u.person_id || '|' || u.period_type || '|' || u.period as k from (${sql.raw(units)}) u`.execute(trx);
          return r.rows.map((x) => x.k).sort();
        });
        expect(got).toEqual(expected);
      }), { numRuns: 60 });
  }, 120_000);
});
