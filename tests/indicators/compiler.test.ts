import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, findIndicator } from '../../src/indicators/catalogue.js';
import { compileIndicator, DefinitionError, validateDefinition } from '../../src/indicators/compiler.js';
import type { IndicatorDefinition } from '../../src/indicators/definition.js';
import { parsePeriod } from '../../src/model/periods.js';

const periods = ['2024', '2024-Q1'].map((k) => parsePeriod(k)!);

/** One preset per query shape the compiler knows; the SQL of each is kept as a reviewed snapshot. */
const SHAPES: Record<string, string> = {
  'active-persons-population': 'bbv_youth_jeugdhulp_pct',
  'ended-over-active-at-start': 'outflow_pct',
  'follow-up-relative-field': 'no_new_start_12m_pct',
  'relative-to-period': 'repeat_use_at_start_pct',
  'median-statistic': 'wmo_decision_days_median',
  'per-period-person-segment': 'segment_vulnerable_pct',
  'per-period-household': 'households_multiple_laws_pct',
  'latest-per-person': 'basic_conditions_met_pct',
  'in-year-sum': 'experienced_effect_pct',
  'year-to-date-budget': 'budget_realisation_pct',
  'amount-over-days': 'utilisation_pct',
};

describe('indicator compiler', () => {
  it('covers every id of the catalogue in ../shared/docs/indicators.md, each valid', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../../shared/docs/indicators.md'), 'utf8');
    const ids = [...doc.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(40);
    expect(CATALOGUE.map((d) => d.id).sort()).toEqual([...ids].sort());
    for (const d of CATALOGUE) expect(() => validateDefinition(d), d.id).not.toThrow();
    expect(new Set(CATALOGUE.map((d) => d.id)).size).toBe(CATALOGUE.length);
  });

  for (const [shape, id] of Object.entries(SHAPES)) {
    it(`compiles the ${shape} shape (${id}) to the reviewed SQL`, async () => {
      const q = compileIndicator(findIndicator(id)!, '9001', periods);
      expect(q.params).toContain('9001');
      await expect(`-- ${id}\n-- params: ${JSON.stringify(q.params)}\n${q.text}\n`).toMatchFileSnapshot(`./__snapshots__/${shape}.sql`);
    });
  }

  it('compiles a ratio with one side restricted to some periods (the numerator of utilisation_pct) to the reviewed SQL', async () => {
    const d = findIndicator('utilisation_pct')!;
    const staged = new Set(['units_prestatie_event_periode_begin']);
    // Staged: the relation is joined to the restricted periods only; inlined: filtered to them.
    for (const [name, opts] of [['staged', { staged, stagedExact: staged }], ['inline', {}]] as const) {
      const q = compileIndicator(d, '9001', periods, { ...opts, restricted: { side: 'num', periods: [periods[1]!] } });
      expect(q.text).toContain('p_r(period_type, period)');
      if (name === 'staged') expect(q.text).toContain('from p_r join units_prestatie_event_periode_begin u on u.period_type = p_r.period_type');
      else expect(q.text).toContain('(u.period_type, u.period) in (select period_type, period from p_r)');
      await expect(`-- utilisation_pct, numerator restricted to 2024-Q1, ${name}\n-- params: ${JSON.stringify(q.params)}\n${q.text}\n`).toMatchFileSnapshot(`./__snapshots__/restricted-side-${name}.sql`);
    }
    // Not where one relation serves both sides, nor a population denominator.
    expect(() => compileIndicator(findIndicator('declaration_rejected_pct')!, '9001', periods, { restricted: { side: 'num', periods } })).toThrow(/share their units/);
    expect(() => compileIndicator(findIndicator('wmo_clients_per_1000')!, '9001', periods, { restricted: { side: 'den', periods } })).toThrow(/population denominator/);
  });

  it('refuses definitions that cannot be computed, in Dutch, naming the problem', () => {
    const base = findIndicator('outflow_pct')!;
    const bad = (patch: Partial<IndicatorDefinition>) => () => validateDefinition({ ...base, ...patch });
    expect(bad({ numerator: { ...base.numerator, fact: 'nope' } })).toThrow(/onbekend feit "nope"/);
    expect(bad({ numerator: { ...base.numerator, where: [{ field: 'bsn', op: '=', value: 1 }] } })).toThrow(/onbekend veld "bsn"/);
    expect(bad({ breakdowns: ['taakveld'] })).toThrow(/uitsplitsing "taakveld"/);
    expect(bad({ numerator: { fact: 'zrm', boundary: 'active', count: 'persons' } })).toThrow(DefinitionError);
    expect(bad({ numerator: { fact: 'experience', boundary: 'in_year', count: 'persons' } })).toThrow(/geen personen/);
  });

  it('values are parameters, never spliced into the SQL', () => {
    const d = findIndicator('ended_as_planned_pct')!;
    const evil: IndicatorDefinition = { ...d, numerator: { ...d.numerator, where: [{ field: 'end_class', op: '=', value: "x'; drop table person; --" }] } };
    const q = compileIndicator(evil, '9001', periods);
    expect(q.text).not.toContain('drop table');
    expect(q.params).toContain("x'; drop table person; --");
  });
});
