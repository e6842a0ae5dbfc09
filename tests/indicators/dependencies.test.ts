import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemo } from '../../src/app/demo.js';
import { writeDemo } from '../../src/demo/index.js';
import { sql } from '../../src/db/index.js';
import { CATALOGUE, FACTS, recomputeGemeente } from '../../src/indicators/index.js';
import { readRelationCatalog, tablesWithColumns } from '../../src/db/index.js';
import { definitionsReading, tablesRead } from '../../src/indicators/dependencies.js';
import { measuresOf } from '../../src/indicators/compiler.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { resultsSnapshot } from '../helpers/results-snapshot.js';
import { file } from '../helpers/fixtures.js';
import { craftedSet, msg301, type Header } from '../helpers/messages.js';
import { STORED_TABLES } from '../../src/ingest/messages-import.js';
import { completeBsn } from '../../src/privacy/bsn.js';

/**
 * After a tabular import only the indicators that read the file's tables are recomputed
 * (indicators/dependencies.ts). That may never cost correctness: what the refresh leaves stored
 * must be exactly what a full recompute stores.
 */
describe.each(ENGINES)('refresh of the indicators a tabular file can change, on %s', (engine) => {
  let k: TestKoers;
  let demo: string;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await ensureDemo(k, () => {}, { scale: 0.03 });
    // The demo's files are not kept after its import; the same generator and scale make them again.
    demo = path.join(k.dir, 'demo-files');
    await writeDemo(demo, { scale: 0.03 }, () => {});
  }, 600_000);
  afterAll(async () => { await k?.cleanup(); });

  const snapshot = () => resultsSnapshot(k.db);
  const computedAt = async () => new Map((await sql<{ id: string; at: string }>`select indicator_id as id, computed_at::text as at from indicator_state where gemeente_code = '9001'`.execute(k.db)).rows.map((r) => [r.id, r.at]));

  it('each definition reads the tables of its facts, and a table only some definitions read selects those', async () => {
    const catalog = await readRelationCatalog(k.db);
    for (const d of CATALOGUE) {
      const read = tablesRead(d, catalog);
      for (const m of measuresOf(d)) {
        // The extent query of a fact names the table its first date comes from.
        const own = /from (\w+)/.exec(FACTS[m.fact]!.extent)![1]!;
        expect(read.has(own), `${d.id} reads ${own}`).toBe(true);
      }
    }
    const zrm = await definitionsReading(k.db, '9001', ['zrm_assessment']);
    expect(zrm).toEqual(expect.arrayContaining(['zrm_progress_pct', 'basic_conditions_met_pct', 'segment_vulnerable_pct']));
    expect(zrm).not.toContain('outflow_pct');
    expect(await definitionsReading(k.db, '9001', ['budget_line'])).toEqual(['budget_realisation_pct']);
    // Through a view and a function: contract tariffs and variants reach the declaration and allocation facts.
    expect(await definitionsReading(k.db, '9001', ['product'])).toContain('utilisation_pct');
    expect(await definitionsReading(k.db, '9001', ['person_residence'])).toContain('wmo_clients_per_1000');
  });

  it('a ZRM file recomputes only the indicators over ZRM scores, and they equal a full recompute', async () => {
    await recomputeGemeente(k.db, '9001', null);
    const before = await snapshot();
    const at = await computedAt();
    // The demo's own ZRM file with every score turned round (1 ↔ 5): persons it names are known.
    const [header, ...lines] = fs.readFileSync(path.join(demo, 'zrm.csv'), 'utf8').trim().split('\n');
    const col = header!.split(',').indexOf('score');
    const flipped = lines.map((l) => { const c = l.split(','); c[col] = String(6 - Number(c[col])); return c.join(','); });
    const r = await k.importTabular({ gemeente: '9001', file: file('zrm.csv', [header, ...flipped].join('\n')), source: 'zrm' });
    expect(r.fileError).toBeNull();
    expect(r.touched).toEqual(['zrm_assessment']);
    const dateCol = header!.split(',').indexOf('datum');
    expect(r.touchedFrom).toBe(lines.map((l) => l.split(',')[dateCol]!).sort()[0]);
    const after = await snapshot();
    expect(after).not.toEqual(before);
    const at2 = await computedAt();
    const recomputed = [...at2].filter(([id, t]) => at.get(id) !== t).map(([id]) => id).sort();
    expect(recomputed).toEqual((await definitionsReading(k.db, '9001', ['zrm_assessment'])).sort());
    await recomputeGemeente(k.db, '9001', null);
    expect(await snapshot()).toEqual(after);
  }, 600_000);

  it('a ZRM file of one month recomputes the periods from its first date, and equals a full recompute', async () => {
    await recomputeGemeente(k.db, '9001', null);
    const before = await snapshot();
    const [header, ...lines] = fs.readFileSync(path.join(demo, 'zrm.csv'), 'utf8').trim().split('\n');
    const cols = header!.split(',');
    const [dc, sc] = [cols.indexOf('datum'), cols.indexOf('score')];
    // The last month with scores, each score one step lower (a 1 stays 1: unchanged, so not written).
    const month = lines.map((l) => l.split(',')[dc]!.slice(0, 7)).sort().at(-1)!;
    const changed = lines.filter((l) => l.split(',')[dc]!.startsWith(month)).map((l) => { const c = l.split(','); c[sc] = String(Math.max(1, Number(c[sc]) - 1)); return c.join(','); });
    const written = changed.filter((l, i) => l !== lines.filter((x) => x.split(',')[dc]!.startsWith(month))[i]);
    expect(written.length).toBeGreaterThan(0);
    const r = await k.importTabular({ gemeente: '9001', file: file('zrm.csv', [header, ...changed].join('\n')), source: 'zrm' });
    expect(r.fileError).toBeNull();
    expect(r.touchedFrom).toBe(written.map((l) => l.split(',')[dc]!).sort()[0]);
    const after = await snapshot();
    expect(after).not.toEqual(before);
    await recomputeGemeente(k.db, '9001', null);
    expect(await snapshot()).toEqual(after);
    // The same file again changes nothing, and says so.
    const again = await k.importTabular({ gemeente: '9001', file: file('zrm.csv', [header, ...changed].join('\n')), source: 'zrm' });
    expect([again.touched, again.touchedFrom]).toEqual([['zrm_assessment'], '9999-12-31']);
  }, 600_000);

  it('a changed row counts from the earliest of its new and its replaced dates', async () => {
    const [header, ...lines] = fs.readFileSync(path.join(demo, 'toegang.csv'), 'utf8').trim().split('\n');
    const cols = header!.split(',');
    const [m, a] = [cols.indexOf('melddatum'), cols.indexOf('aanvraagdatum')];
    const row = lines.map((l) => l.split(',')).find((c) => c[m] && c[a] && c[m]! < c[a]!)!;
    // The melding moves later, to the day of the aanvraag (no postcode: no residence is written).
    const moved = row.map((v, i) => (i === m ? row[a]! : i === cols.indexOf('postcode') || i === cols.indexOf('huisnummer') ? '' : v));
    const r = await k.importTabular({ gemeente: '9001', file: file('toegang.csv', [header, moved.join(',')].join('\n')), source: 'toegang' });
    expect(r.fileError).toBeNull();
    expect([r.touched, r.touchedFrom]).toEqual([['toegang_case'], row[m]]);
  }, 600_000);

  // A tabular file's persons follow the message importer's rule (ingest/person-changes.ts): the
  // other sources' tables holding rows of the persons it wrote, from an address's date, or from the
  // first period for a changed birth year or sex, or a changed first address.
  const benefits = () => {
    const [header, ...lines] = fs.readFileSync(path.join(demo, 'uitkeringen.csv'), 'utf8').trim().split('\n');
    const cols = header!.split(',');
    const at = (l: string, c: string) => l.split(',')[cols.indexOf(c)]!;
    const set = (l: string, c: string, v: string) => { const x = l.split(','); x[cols.indexOf(c)] = v; return x.join(','); };
    return { header: header!, lines, at, set };
  };
  const otherPostcode = (pc: string) => fs.readFileSync(path.join(demo, 'postcodes.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]!).find((p) => p !== pc)!;
  /** The tables besides benefit_spell holding rows of the demo person with this BSN. */
  const holdingRowsOf = async (bsn: string) => {
    const id = k.pseudonymizer.person('9001', bsn);
    const tables = await tablesWithColumns(k.db, ['gemeente_code', 'person_id']);
    const out: string[] = [];
    for (const t of tables.filter((t) => !['person', 'person_residence', 'benefit_spell'].includes(t))) {
      if ((await sql<{ x: boolean }>`select exists (select 1 from ${sql.table(t)} where gemeente_code = '9001' and person_id = ${id}) as x`.execute(k.db)).rows[0]!.x) out.push(t);
    }
    return out;
  };
  /** Imports benefit rows; checks what it says it touched, that exactly the definitions reading that were recomputed, and that they equal a full recompute. */
  const importBenefits = async (rows: string[]) => {
    const { header } = benefits();
    const at = await computedAt();
    const r = await k.importTabular({ gemeente: '9001', file: file('u.csv', [header, ...rows].join('\n')), source: 'benefits' });
    expect(r.quarantined).toBe(0);
    const recomputed = [...(await computedAt())].filter(([id, t]) => at.get(id) !== t).map(([id]) => id).sort();
    expect(recomputed).toEqual((await definitionsReading(k.db, '9001', r.touched!)).sort());
    const after = await snapshot();
    await recomputeGemeente(k.db, '9001', null);
    expect(await snapshot()).toEqual(after);
    return { r, recomputed };
  };

  it('a benefits file that writes no person or residence touches only its own table', async () => {
    const { header, lines } = benefits();
    const again = await k.importTabular({ gemeente: '9001', file: file('u.csv', [header, ...lines.slice(0, 20)].join('\n')), source: 'benefits' });
    expect([again.touched, again.touchedFrom]).toEqual([['benefit_spell'], '9999-12-31']);
  }, 600_000);

  it('a person who moves later on recomputes, from the move, the indicators over the sources holding their rows', async () => {
    const { lines, at, set } = benefits();
    // A person with two benefit spells: the second start date is a later address (the first is the earlier spell's).
    const starts = new Map<string, string[]>();
    for (const l of lines) starts.set(at(l, 'bsn'), [...(starts.get(at(l, 'bsn')) ?? []), l]);
    const [bsn, rows] = [...starts].find(([, ls]) => ls.length >= 2 && new Set(ls.map((l) => at(l, 'startdatum'))).size === ls.length)!;
    const later = [...rows].sort((x, y) => (at(x, 'startdatum') < at(y, 'startdatum') ? -1 : 1)).at(-1)!;
    const { r, recomputed } = await importBenefits([set(later, 'postcode', otherPostcode(at(later, 'postcode')))]);
    expect(r.touchedFrom).toBe(at(later, 'startdatum'));
    expect([...r.touched!].sort()).toEqual(['benefit_spell', ...(await holdingRowsOf(bsn))].sort());
    expect(recomputed).toContain('bijstand_long_term_pct');
    // No ZRM scores: the ZRM indicators keep their figures.
    if (!r.touched!.includes('zrm_assessment')) expect(recomputed).not.toContain('zrm_progress_pct');
  }, 600_000);

  it('a changed first address or birth year recomputes every period; a new person only from their own rows', async () => {
    const { lines, at, set } = benefits();
    // The demo's benefit persons were first seen in this file: its earliest row is their first address.
    const first = [...lines].sort((x, y) => (at(x, 'startdatum') < at(y, 'startdatum') ? -1 : 1))[0]!;
    const moved = await importBenefits([set(first, 'postcode', otherPostcode(at(first, 'postcode')))]);
    expect(moved.r.touchedFrom).toBeNull();
    expect([...moved.r.touched!].sort()).toEqual(['benefit_spell', ...(await holdingRowsOf(at(first, 'bsn')))].sort());
    const older = await importBenefits([set(first, 'geboortejaar', String(Number(at(first, 'geboortejaar')) - 1))]);
    expect(older.r.touchedFrom).toBeNull();
    // A new person (a BSN the demo does not know) with one spell: from its start, nothing but benefits.
    const bsn = completeBsn('11122233')!;
    const fresh = await importBenefits([set(set(set(first, 'bsn', bsn), 'startdatum', '2024-03-01'), 'einddatum', '')]);
    expect([fresh.r.touched, fresh.r.touchedFrom]).toEqual([['benefit_spell'], '2024-03-01']);
    expect(fresh.recomputed).toContain('bijstand_long_term_pct');
    expect(fresh.recomputed).not.toContain('zrm_progress_pct');
  }, 600_000);
  // Message imports (ingest/messages-import.ts touchedTables): the message tables, and for persons
  // whose attributes or residence changed, the other sources' tables holding rows of theirs.
  const ownTables = STORED_TABLES.filter((t) => t !== 'person' && t !== 'person_residence');
  const lastDay = async () => (await sql<{ d: string }>`select max(dagtekening)::text as d from received_message where gemeente_code = '9001'`.execute(k.db)).rows[0]!.d;
  const h = (id: string, dag: string): Header => ({ std: 'iwmo', gemeente: '9001', agb: '99000001', id, dag });

  it('a message import writes no table but those it names (STORED_TABLES) and its own bookkeeping', async () => {
    const tables = (await sql<{ t: string }>`select table_name::text as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(k.db)).rows.map((r) => r.t);
    const fingerprint = async () => {
      const out = new Map<string, string>();
      for (const t of tables) out.set(t, (await sql<{ h: string }>`select md5(coalesce(string_agg(md5(x::text), '' order by md5(x::text)), '')) as h from ${sql.table(t)} x`.execute(k.db)).rows[0]!.h);
      return out;
    };
    const before = await fingerprint();
    // One message of every type (and the retour messages) for a cliënt the demo does not know.
    const s = await k.importer.importFiles(Object.entries(craftedSet('iwmo', '100000186')).map(([t, xml]) => file(`${t}.xml`, xml)), { source: 'test' });
    expect(s.rejected).toBe(0);
    const after = await fingerprint();
    const changed = tables.filter((t) => before.get(t) !== after.get(t));
    expect(changed).toEqual(expect.arrayContaining(['received_message', 'toewijzing_record', 'prestatie_record', 'trajectory', 'person', 'person_residence']));
    expect(changed.filter((t) => !STORED_TABLES.includes(t) && !['import_run', 'import_file', 'quarantine_record'].includes(t))).toEqual([]);
    // A new cliënt has no rows in any other source's table.
    expect(s.touched.get('9001')).toEqual(ownTables);
  }, 600_000);

  it('a new cliënt’s messages recompute only the indicators over messages, and they equal a full recompute', async () => {
    await recomputeGemeente(k.db, '9001', null);
    const at = await computedAt();
    const dag = await lastDay();
    const r = await k.importFiles([file('n.xml', msg301(h('N1', dag), { bsn: '100000198', postcode: '9001AA' }, [{ nr: '9100', cat: '01', tdatum: dag, ingang: dag }]))], { source: 'test' });
    expect(r.rejected).toBe(0);
    // A new person with a first address, and no rows of another source: from the message's date.
    expect(r.affected.get('9001')).toBe(dag);
    const recomputed = [...(await computedAt())].filter(([id, t]) => at.get(id) !== t).map(([id]) => id).sort();
    expect(recomputed).toEqual((await definitionsReading(k.db, '9001', ownTables)).sort());
    expect(recomputed).toContain('wmo_clients_per_1000');
    expect(recomputed).not.toContain('zrm_progress_pct');
    expect(recomputed).not.toContain('bijstand_long_term_pct');
    const after = await snapshot();
    await recomputeGemeente(k.db, '9001', null);
    expect(await snapshot()).toEqual(after);
  }, 600_000);

  const zrmPerson = () => {
    const [header, ...lines] = fs.readFileSync(path.join(demo, 'zrm.csv'), 'utf8').trim().split('\n');
    return lines[0]!.split(',')[header!.split(',').indexOf('bsn')]!;
  };
  const postcodes = () => fs.readFileSync(path.join(demo, 'postcodes.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]!);

  it('messages that move a person with ZRM scores (same birth date and sex) recompute the ZRM indicators from the move, and they equal a full recompute', async () => {
    await recomputeGemeente(k.db, '9001', null);
    const bsn = zrmPerson();
    const pe = (await sql<{ y: number; m: number | null; sex: string; pc: string | null }>`select birth_year as y, birth_month as m, sex,
        (select r.area_code from person_residence r where r.gemeente_code = p.gemeente_code and r.person_id = p.person_id order by valid_from desc limit 1) as pc
      from person p where gemeente_code = '9001' and person_id = ${k.pseudonymizer.person('9001', bsn)}`.execute(k.db)).rows[0]!;
    expect(pe.m).not.toBeNull(); // the demo's messages give a birth month: the message below repeats it
    expect(pe.pc).not.toBeNull(); // and an address: the one below is a move, not a first address
    const dag = await lastDay();
    const client = { bsn, postcode: postcodes()[0]!, geboortedatum: `${pe.y}-${String(pe.m).padStart(2, '0')}-01`, geslacht: pe.sex === 'M' ? '1' as const : '2' as const };
    const s = await k.importer.importFiles([file('m.xml', msg301(h('M1', dag), client, [{ nr: '9300', cat: '01', tdatum: dag, ingang: dag }]))], { source: 'test' });
    expect(s.rejected).toBe(0);
    expect(s.affected.get('9001')).toBe(dag);
    expect(s.touched.get('9001')).toContain('zrm_assessment');
    expect(s.touched.get('9001')).not.toContain('person_residence');
    await k.refresh(s.affected, s.affectedFacts, s.touched);
    const after = await snapshot();
    await recomputeGemeente(k.db, '9001', null);
    expect(await snapshot()).toEqual(after);
  }, 600_000);

  it('messages that change the birth date and sex of a person with ZRM scores recompute every period of the ZRM indicators, and they equal a full recompute', async () => {
    await recomputeGemeente(k.db, '9001', null);
    const bsn = zrmPerson();
    const at = await computedAt();
    const dag = await lastDay();
    // The helper's client is born on 1950-05-05, sex 2: not what the demo gave this person.
    const s = await k.importer.importFiles([file('z.xml', msg301(h('Z1', dag), { bsn, postcode: postcodes().at(-1)! }, [{ nr: '9200', cat: '01', tdatum: dag, ingang: dag }]))], { source: 'test' });
    expect(s.rejected).toBe(0);
    expect(s.affected.get('9001')).toBeNull();
    // Their other sources' tables (the demo gives this person plan goals and a toegang case too), never person or person_residence.
    expect(s.touched.get('9001')).toEqual(expect.arrayContaining([...ownTables, 'plan_goal', 'toegang_case', 'zrm_assessment']));
    expect(s.touched.get('9001')).not.toContain('person');
    await k.refresh(s.affected, s.affectedFacts, s.touched);
    const recomputed = [...(await computedAt())].filter(([id, t]) => at.get(id) !== t).map(([id]) => id).sort();
    expect(recomputed).toEqual(expect.arrayContaining(['zrm_progress_pct', 'basic_conditions_met_pct', 'wmo_clients_per_1000']));
    expect(recomputed).not.toContain('bijstand_long_term_pct');
    const after = await snapshot();
    await recomputeGemeente(k.db, '9001', null);
    expect(await snapshot()).toEqual(after);
  }, 600_000);
});
