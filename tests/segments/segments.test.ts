import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { file } from '../helpers/fixtures.js';
import { ENGINES, type TestKoers } from '../helpers/koers.js';
import { msg301, msg305, msg307, type Client, type Std } from '../helpers/messages.js';
import { BSNS, csv, expectCell, G, header, importAll, NOORD, openTestdam, ZUID } from '../indicators/correctness/helpers.js';
import { sql } from '../../src/db/index.js';
import { readDraagkracht, readFlows, readPyramid, readSegmentConfig, readStapeling, recomputeSegments, segmentTablesRead, updateSegmentConfig } from '../../src/steering/segments/index.js';

/**
 * The pyramid, flows, draagkracht and stapeling on a hand-built dataset, checked to the person on
 * both engines. Testdam: Noord WK900100 (9001AA) 600 inhabitants, Zuid WK900101 (9001BB) 400.
 *
 *  A  9001AA-1  Wmo 01 from 2024-01-10, open; MOVES to Zuid (9001BB-1) on 2025-07-01.  2024 licht → 2025 licht (Zuid)
 *  B  9001AA-2  Wmo 01 2024-02-01 … 2024-06-30 (307, reden 19).                       2024 licht → 2025 zelfredzaam (Noord)
 *  C  9001BB-3  bijstand from 2024-01-01, schuldhulp from 2025-03-01; ZRM 2025-04-01.   2024 licht → 2025 kwetsbaar (Zuid)
 *  D  9001BB-3  born 2010-05-01, Jeugd 45 from 2025-02-01 (household of C); ZRM strong. 2024 zelfredzaam → 2025 licht (Zuid)
 *  E  9001AA-5  Wmo 15 beschermd wonen 2023-06-01 … 2024-09-30, reden 02 (overlijden). 2024 kwetsbaar → 2025 overleden (Noord, of P1)
 *  F  9001BB-6  bijstand 2024-01-01 … 2024-08-31, reden_einde verhuizing.              2024 licht → 2025 vertrokken (Zuid, of P1)
 *  G  9001AA-7  born 2025-03-01, Jeugd 45 from 2025-05-01.                             instroom → 2025 licht (Noord)
 */
const AS_OF = '2026-01-15';
const AGB = '99000001';
const P = BSNS.slice(0, 7);
const [A, B, C, D, E, F, Gp] = [0, 1, 2, 3, 4, 5, 6];
const BIRTH = ['1950-01-01', '1960-01-01', '1985-01-01', '2010-05-01', '1940-01-01', '1990-01-01', '2025-03-01'];
const ADDR: [string, string][] = [['9001AA', '1'], ['9001AA', '2'], ['9001BB', '3'], ['9001BB', '3'], ['9001AA', '5'], ['9001BB', '6'], ['9001AA', '7']];
const who = (y: number, addr = ADDR[y]!): Client => ({ bsn: P[y]!, geboortedatum: BIRTH[y], postcode: addr[0], huisnummer: addr[1] });
let n = 0;
const care = (y: number, std: Std, nr: string, cat: string, start: string) => [
  file(`p${y}-301-${++n}.xml`, msg301(header(std, `T${n}`, start, AGB), who(y), [{ nr, cat, tdatum: start, ingang: start }])),
  file(`p${y}-305-${++n}.xml`, msg305(header(std, `S${n}`, start, AGB), who(y), [{ nr, cat, ingang: start, begin: start }])),
];
const stop = (y: number, std: Std, nr: string, cat: string, start: string, end: string, reden: string) =>
  file(`p${y}-307-${++n}.xml`, msg307(header(std, `E${n}`, end, AGB), who(y), [{ nr, cat, ingang: start, begin: start, eind: end, reden }]));

function dataset() {
  return [
    ...care(A, 'iwmo', '100', '01', '2024-01-10'),
    file('a-move.xml', msg301(header('iwmo', 'MOVE', '2025-07-01', AGB), who(A, ['9001BB', '1']), [{ nr: '100', cat: '01', tdatum: '2025-07-01', ingang: '2024-01-10', reden: '14' }])),
    ...care(B, 'iwmo', '200', '01', '2024-02-01'), stop(B, 'iwmo', '200', '01', '2024-02-01', '2024-06-30', '19'),
    ...care(D, 'ijw', '400', '45', '2025-02-01'),
    ...care(E, 'iwmo', '500', '15', '2023-06-01'), stop(E, 'iwmo', '500', '15', '2023-06-01', '2024-09-30', '02'),
    ...care(Gp, 'ijw', '700', '45', '2025-05-01'),
    file('late.xml', msg301(header('iwmo', 'LAST', AS_OF, AGB), who(A, ['9001BB', '1']), [{ nr: '101', cat: '01', tdatum: AS_OF, ingang: '2026-03-01' }])),
    csv('uitkeringen.csv', 'bsn,clientnummer,geboortejaar,geslacht,postcode,huisnummer,regeling,startdatum,einddatum,reden_einde,huishouden,kinderen', [
      [P[C], '', 1985, 'V', '9001BB', '3', 'bijstand', '2024-01-01', '', '', 'alleenstaande_ouder', 1],
      [P[F], '', 1990, 'M', '9001BB', '6', 'bijstand', '2024-01-01', '2024-08-31', 'verhuizing', 'alleenstaand', 0],
    ]),
    csv('schuldhulp.csv', 'zaaknummer,bsn,clientnummer,geboortejaar,geslacht,postcode,huisnummer,aanmelddatum,eerste_gesprek,dreiging,vroegsignalering,einddatum,reden_einde,team',
      [['SH1', P[C], '', 1985, 'V', '9001BB', '3', '2025-03-01', '2025-03-10', 'geen', 'nee', '', '', 'Zuidteam']]),
    csv('zrm.csv', 'bsn,clientnummer,datum,moment,versie,domein,score,plannummer', [
      // C: financiën 2, huisvesting 4, sociaal netwerk 2, werk 3, tijdsbesteding 5 → strong 2, weak 2 (gelijk); basis not in order: financiën, sociaal netwerk.
      ...['financien:2', 'huisvesting:4', 'sociaal_netwerk:2', 'werk_opleiding:3', 'tijdsbesteding:5'].map((x) => [P[C], '', '2025-04-01', 'intake', '2017', x.split(':')[0], x.split(':')[1], 'ZC']),
      // D: all 4-5 except werk 3 → strong 3, weak 0 (sterk).
      ...['financien:4', 'huisvesting:5', 'sociaal_netwerk:4', 'werk_opleiding:3'].map((x) => [P[D], '', '2025-06-01', 'intake', '2017', x.split(':')[0], x.split(':')[1], 'ZD']),
    ]),
  ];
}

describe.each(ENGINES)('pyramid, flows, draagkracht and stapeling, hand-computed, on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestdam(engine, AS_OF);
    await importAll(k, dataset(), AS_OF);
  }, 120_000);
  afterAll(async () => { await k?.cleanup(); });

  it('segment indicators: 2024 licht A B C F = 4, kwetsbaar E = 1; 2025 licht A D G = 3, kwetsbaar C = 1', async () => {
    await expectCell(k, 'segment_at_risk_pct', '2024', { n: 4, d: 1000, v: 0.4 });
    await expectCell(k, 'segment_vulnerable_pct', '2024', { n: 1, d: 1000, v: 0.1 });
    await expectCell(k, 'segment_at_risk_pct', '2025', { n: 3, d: 1000, v: 0.3 });
    await expectCell(k, 'segment_vulnerable_pct', '2025', { n: 1, d: 1000, v: 0.1 });
    await expectCell(k, 'segment_self_reliant_pct', '2025', { n: 996, d: 1000, v: 99.6 });
  });

  it('pyramid: shares per wijk from the indicator results, with the default 80/15/5 target', async () => {
    const p = await readPyramid(k.db, { gemeente: G, periodType: 'year', period: '2025', profile: 'none' });
    const gm = p.rows.find((r) => r.area === `GM${G}`)!;
    expect(gm.segments.licht).toMatchObject({ persons: 3, share: 0.3, target: 15 });
    expect(gm.segments.kwetsbaar).toMatchObject({ persons: 1, share: 0.1, target: 5 });
    expect(gm.segments.zelfredzaam).toMatchObject({ persons: 996, target: 80 });
    // 2025 Zuid (end of year): A (moved in July), D licht; C kwetsbaar. Noord: G licht.
    const zuid = p.rows.find((r) => r.area === ZUID)!;
    expect([zuid.segments.licht.persons, zuid.segments.kwetsbaar.persons, zuid.inhabitants]).toEqual([2, 1, 400]);
    const noord = p.rows.find((r) => r.area === NOORD)!;
    expect([noord.segments.licht.persons, noord.segments.kwetsbaar.persons]).toEqual([1, 0]);
    // Suppressed for everyone but an analist: all these counts are below 10.
    const disclosed = await readPyramid(k.db, { gemeente: G, periodType: 'year', period: '2025', profile: 'default' });
    const d = disclosed.rows.find((r) => r.area === `GM${G}`)!;
    expect(d.segments.licht).toMatchObject({ persons: null, share: null, suppressed: true });
  });

  it('flows 2024 → 2025: every person in exactly one cell; rows add up to the 2024 segments, columns to 2025', async () => {
    const { table, pairs } = await readFlows(k.db, { gemeente: G, periodType: 'year', to: '2025', profile: 'none' });
    expect(pairs).toEqual([{ from: '2024', to: '2025' }]);
    const cell = (f: string, t: string) => table!.cells.find((c) => c.from === f && c.to === t)!.persons;
    expect(cell('licht', 'licht')).toBe(1); // A
    expect(cell('licht', 'zelfredzaam')).toBe(1); // B
    expect(cell('licht', 'kwetsbaar')).toBe(1); // C
    expect(cell('zelfredzaam', 'licht')).toBe(1); // D
    expect(cell('kwetsbaar', 'overleden')).toBe(1); // E
    expect(cell('licht', 'vertrokken')).toBe(1); // F
    expect(cell('instroom', 'licht')).toBe(1); // G
    expect(table!.cells.reduce((s, c) => s + (c.persons ?? 0), 0)).toBe(7);
    expect(table!.fromTotals.licht.persons).toBe(4);
    expect(table!.fromTotals.kwetsbaar.persons).toBe(1);
    expect(table!.toTotals.licht.persons).toBe(3);
    expect(table!.toTotals.kwetsbaar.persons).toBe(1);
    // Lighter: B (licht → zelfredzaam); heavier: C, D; the same: A.
    expect(table!.summary).toEqual({ lichter: 1, zwaarder: 2, gelijk: 1, instroom: 1, uitstroom: 2 });
    expect(table!.published).toEqual(table!.summary); // nothing is hidden from the analist
  });

  it('flows per wijk: wijk of 2025, of 2024 for who left or died', async () => {
    const zuid = (await readFlows(k.db, { gemeente: G, periodType: 'year', to: '2025', area: ZUID, profile: 'none' })).table!;
    const noord = (await readFlows(k.db, { gemeente: G, periodType: 'year', to: '2025', area: NOORD, profile: 'none' })).table!;
    const nonzero = (t: typeof zuid) => t.cells.filter((c) => c.persons).map((c) => `${c.from}>${c.to}`).sort();
    expect(nonzero(zuid)).toEqual(['licht>kwetsbaar', 'licht>licht', 'licht>vertrokken', 'zelfredzaam>licht']); // C, A (moved in), F, D
    expect(nonzero(noord)).toEqual(['instroom>licht', 'kwetsbaar>overleden', 'licht>zelfredzaam']); // G, E, B
    // Disclosed: every cell is below 10, so nothing of the matrix is shown to other roles.
    const raad = (await readFlows(k.db, { gemeente: G, periodType: 'year', to: '2025', profile: 'default' })).table!;
    expect(raad.cells.every((c) => c.suppressed && c.persons === null)).toBe(true);
    expect(raad.summary.lichter).toBeNull();
    expect(raad.published).toEqual({ lichter: 0, zwaarder: 0, gelijk: 0, instroom: 0, uitstroom: 0 });
  });

  it('draagkracht: C kwetsbaar (gelijk; financiën and sociaal netwerk not in order), D licht (sterk)', async () => {
    const r = await readDraagkracht(k.db, { gemeente: G, periodType: 'year', period: '2025', profile: 'none' });
    const seg = (s: string) => r.rows.find((x) => x.segment === s)!;
    expect(seg('alle').persons.persons).toBe(2);
    expect(seg('kwetsbaar').persons.persons).toBe(1);
    expect(seg('kwetsbaar').balance.gelijk.persons).toBe(1);
    expect(seg('kwetsbaar').basis.financien.persons).toBe(1);
    expect(seg('kwetsbaar').basis.sociaal_netwerk.persons).toBe(1);
    expect(seg('kwetsbaar').basis.werk.persons).toBe(0);
    expect(seg('kwetsbaar').meanStrong).toBe(2);
    expect(seg('licht').balance.sterk.persons).toBe(1);
    expect(seg('licht').meanStrong).toBe(3);
    expect(seg('licht').meanWeak).toBe(0);
    expect(seg('zelfredzaam').persons.persons).toBe(0);
  });

  it('stapeling: 2024 five households with one provision; 2025 household C+D with three (jeugd+pwet+schuldhulp)', async () => {
    const r = await readStapeling(k.db, { gemeente: G, profile: 'none' });
    const y24 = r.rows.find((x) => x.period === '2024')!, y25 = r.rows.find((x) => x.period === '2025')!;
    expect(y24.total.persons).toBe(5);
    expect(y24.counts['1'].persons).toBe(5);
    expect(Object.fromEntries(y24.combos.map((c) => [c.combo, c.households.persons]))).toEqual({ pwet: 2, wmo: 3 });
    expect(y25.total.persons).toBe(3);
    expect([y25.counts['1'].persons, y25.counts['2'].persons, y25.counts['3'].persons, y25.counts['4+'].persons]).toEqual([2, 0, 1, 0]);
    expect(Object.fromEntries(y25.combos.map((c) => [c.combo, c.households.persons]))).toEqual({ jeugd: 1, 'jeugd+pwet+schuldhulp': 1, wmo: 1 });
    // The catalogue indicator counts the same households: 1 of 3 with two or more provisions.
    await expectCell(k, 'households_multiple_provisions_pct', '2025', { n: 1, d: 3, v: 33.33 });
    const zuid = await readStapeling(k.db, { gemeente: G, area: ZUID, profile: 'none' });
    expect(zuid.rows.find((x) => x.period === '2025')!.total.persons).toBe(2); // C+D, A (moved to Zuid)
  });

  it('a recompute from a date stores exactly what a full recompute stores', async () => {
    const dump = async () => (await sql<{ t: string; k: string; n: number }>`
      select 'f' as t, period_type || from_period || to_period || area_code || from_segment || to_segment as k, persons as n from segment_flow where gemeente_code = ${G}
      union all select 'z', period_type || period || area_code || segment || kind || item, persons from segment_zrm where gemeente_code = ${G}
      union all select 's', period_type || period || area_code || kind || item, households from segment_stapeling where gemeente_code = ${G}
      order by 1, 2`.execute(k.db)).rows;
    const before = await dump();
    expect(before.length).toBeGreaterThan(50);
    // Spoil what a recompute from 2025-04-01 must rewrite (periods ending on or after that date).
    await sql`update segment_flow set persons = 999 where gemeente_code = ${G} and to_period in ('2025', '2025-H1', '2025-Q2')`.execute(k.db);
    await sql`delete from segment_stapeling where gemeente_code = ${G} and period = '2025'`.execute(k.db);
    await recomputeSegments(k.db, G, '2025-04-01');
    expect(await dump()).toEqual(before);
    await recomputeSegments(k.db, G, null);
    expect(await dump()).toEqual(before);
  });

  it('an import that changed none of the tables the segments read (a budget file) leaves them; one that did recomputes them', async () => {
    const read = await segmentTablesRead(k.db);
    // What the segments are made of: provisions of every law, ZRM scores, persons and where they live, the configuration.
    expect([...read]).toEqual(expect.arrayContaining(['trajectory', 'benefit_spell', 'schuldhulp_case', 'zrm_assessment', 'person', 'person_residence', 'segment_config']));
    expect(read.has('budget_line')).toBe(false);
    expect(read.has('client_experience')).toBe(false);
    await sql`update segment_flow set persons = 999 where gemeente_code = ${G}`.execute(k.db);
    expect((await recomputeSegments(k.db, G, null, { tables: ['budget_line', 'client_experience'] })).skipped).toBe(true);
    expect((await sql<{ n: number }>`select count(*)::int as n from segment_flow where gemeente_code = ${G} and persons <> 999`.execute(k.db)).rows[0]!.n).toBe(0);
    const again = await recomputeSegments(k.db, G, null, { tables: ['budget_line', 'zrm_assessment'] });
    expect(again.skipped).toBeUndefined();
    expect((await sql<{ n: number }>`select count(*)::int as n from segment_flow where gemeente_code = ${G} and persons = 999`.execute(k.db)).rows[0]!.n).toBe(0);
  });

  it('a stricter configuration (three laws, residential not counted) recomputes the segment indicators and the flows at once', async () => {
    await updateSegmentConfig(k.db, G, { minLaws: 3, residential: false, zrmMonths: 12, zrmMaxScore: 1, target: { zelfredzaam: 85, licht: 10, kwetsbaar: 5 } }, 'beleid');
    expect((await readSegmentConfig(k.db, G)).minLaws).toBe(3);
    // 2024: E (beschermd wonen) is no longer kwetsbaar; 2025: C (two laws, ZRM 2) neither.
    await expectCell(k, 'segment_vulnerable_pct', '2024', { n: 0, d: 1000, v: 0 });
    await expectCell(k, 'segment_at_risk_pct', '2025', { n: 4, d: 1000, v: 0.4 });
    const { table } = await readFlows(k.db, { gemeente: G, periodType: 'year', to: '2025', profile: 'none' });
    expect(table!.cells.find((c) => c.from === 'licht' && c.to === 'overleden')!.persons).toBe(1);
    expect(table!.fromTotals.kwetsbaar.persons).toBe(0);
    const p = await readPyramid(k.db, { gemeente: G, periodType: 'year', period: '2025', profile: 'none' });
    expect(p.target).toEqual({ zelfredzaam: 85, licht: 10, kwetsbaar: 5 });
    await updateSegmentConfig(k.db, G, { minLaws: 2, residential: true, zrmMonths: 12, zrmMaxScore: 2, target: { zelfredzaam: 80, licht: 15, kwetsbaar: 5 } }, 'beleid');
    await expectCell(k, 'segment_vulnerable_pct', '2024', { n: 1, d: 1000, v: 0.1 });
  });
});
