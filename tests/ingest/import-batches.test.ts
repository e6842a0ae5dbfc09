import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGrown, sql } from '../../src/db/index.js';
import { addGemeente } from '../../src/app/koers.js';
import { planKeys } from '../../src/ingest/messages-import.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { file } from '../helpers/fixtures.js';
import { craftedSet, msg301 } from '../helpers/messages.js';
import { contents } from '../helpers/store-contents.js';

const AS_OF = '2025-06-30';
const crafted = (prefix: string) => (['iwmo', 'ijw'] as const).flatMap((std) => Object.entries(craftedSet(std)).map(([t, xml]) => file(`${prefix}-${std}-${t}.xml`, xml)));

describe.each(ENGINES)('message import: foreign keys checked per batch on %s', (engine) => {
  let plain: TestKoers;
  let strict: TestKoers;
  beforeAll(async () => {
    plain = await openTestKoers(engine, { xsd: false });
    strict = await openTestKoers(engine, { xsd: false });
    for (const k of [plain, strict]) await addGemeente(k.db, '9001', 'Testdam');
  });
  afterAll(async () => { await plain?.cleanup(); await strict?.cleanup(); });

  it('the catalog holds only keys the importer checks itself: the records are inserted without per-row checks', async () => {
    const plan = await planKeys(plain.db);
    expect(plan.skip).toBe(true);
    expect(Object.fromEntries(plan.parents)).toEqual({ change_request_product: 'change_request', prestatie_antwoord: 'declaratie_antwoord', retour_item: 'retour_message' });
  });

  it('a key it does not know keeps the per-row checks, which then still refuse what breaks it; both ways store the same', async () => {
    // A key the importer cannot vouch for: every toewijzing's product must be in a (here empty) table.
    await sql`create table test_known_product (law text, category_code text, primary key (law, category_code))`.execute(strict.db);
    await sql`alter table toewijzing_record add constraint test_product_known foreign key (law, category_code) references test_known_product`.execute(strict.db);
    expect((await planKeys(strict.db)).skip).toBe(false);
    const refused = await strict.importFiles(crafted('a'), { source: 'test', asOf: AS_OF });
    expect(refused.files.filter((f) => f.name.endsWith('-301.xml')).map((f) => f.status)).toEqual(['rejected', 'rejected']);
    expect(refused.files.find((f) => f.name.endsWith('iwmo-301.xml'))?.reason).toMatch(/test_product_known/);

    // With the products known, the same files store exactly what the batch-wise checks store.
    for (const t of ['retour_item', 'retour_message', 'prestatie_antwoord', 'declaratie_antwoord', 'prestatie_record', 'declaratie_record', 'request_answer', 'change_request_product',
      'change_request', 'request_record', 'delivery_record', 'toewijzing_record', 'received_message', 'delivery_link', 'trajectory', 'allocation_without_start', 'person_residence', 'person']) {
      await sql`delete from ${sql.table(t)}`.execute(strict.db);
    }
    await sql`insert into test_known_product select l, c from unnest(array['wmo', 'jeugd']) l, unnest(array['02', '45']) c`.execute(strict.db);
    const a = await strict.importFiles(crafted('b'), { source: 'test', asOf: AS_OF });
    const b = await plain.importFiles(crafted('b'), { source: 'test', asOf: AS_OF });
    expect(a.rejected).toBe(0);
    expect(b.rejected).toBe(0);
    expect(a.accepted).toBe(b.accepted);
    expect(await contents(strict)).toEqual(await contents(plain));
  });

  it('a batch ends at its byte limit; one file per batch stores the same as one batch', async () => {
    const one = await openTestKoers(engine, { xsd: false });
    try {
      await addGemeente(one.db, '9001', 'Testdam');
      const files = crafted('c');
      const progress: number[] = [];
      const s = await one.importer.importFiles(files, { source: 'test', asOf: AS_OF, batchBytes: 1, onProgress: (done) => progress.push(done) });
      expect(s.rejected).toBe(0);
      expect(progress).toEqual(files.map((_, i) => i + 1));
      const together: number[] = [];
      const plainRun = await openTestKoers(engine, { xsd: false });
      try {
        await addGemeente(plainRun.db, '9001', 'Testdam');
        await plainRun.importer.importFiles(files, { source: 'test', asOf: AS_OF, onProgress: (done) => together.push(done) });
        expect(together).toEqual([files.length]);
        expect(await contents(one)).toEqual(await contents(plainRun));
      } finally { await plainRun.cleanup(); }
    } finally { await one.cleanup(); }
  });
});

describe.each(ENGINES)('message import: persons and residences on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
  });
  afterAll(async () => { await k?.cleanup(); });

  const toewijzing = (id: string, client: { geslacht?: '1' | '2'; postcode?: string; huisnummer?: string }) => file(`p-${id}.xml`, msg301(
    { std: 'iwmo', gemeente: '9001', agb: '99000001', id, dag: '2024-01-05' },
    { bsn: '999900006', geboortedatum: '1950-05-05', ...client },
    [{ nr: `N${id}`, cat: '02', tdatum: '2024-01-05', ingang: '2024-01-08', eind: '2024-12-31', volume: 3 }]));
  // xmin changes with every new row version, so it shows whether a row was written.
  const rows = async () => ({
    person: (await sql<{ v: string; sex: string | null }>`select xmin::text as v, sex from person`.execute(k.db)).rows,
    residence: (await sql<{ v: string; h: string }>`select xmin::text as v, household_key as h from person_residence`.execute(k.db)).rows,
  });

  it('a file that repeats what is stored writes no new row version; a change is written', async () => {
    expect((await k.importFiles([toewijzing('T1', { geslacht: '2' })], { source: 'test', asOf: AS_OF })).accepted).toBe(1);
    const first = await rows();
    expect(first.person).toHaveLength(1);
    expect(first.person[0]!.sex).toBe('V');
    expect(first.residence).toHaveLength(1);

    // The same person, address and day in a later file: nothing to write.
    expect((await k.importFiles([toewijzing('T2', { geslacht: '2' })], { source: 'test', asOf: AS_OF })).accepted).toBe(1);
    expect(await rows()).toEqual(first);

    // Another sex and address in a later file on the same day: both rows are written, with the new values.
    expect((await k.importFiles([toewijzing('T3', { geslacht: '1', postcode: '9001AB', huisnummer: '7' })], { source: 'test', asOf: AS_OF })).accepted).toBe(1);
    const changed = await rows();
    expect(changed.person[0]!.sex).toBe('M');
    expect(changed.person[0]!.v).not.toBe(first.person[0]!.v);
    expect(changed.residence).toHaveLength(1);
    expect(changed.residence[0]!.h).not.toBe(first.residence[0]!.h);
    expect(changed.residence[0]!.v).not.toBe(first.residence[0]!.v);
  });
});

describe.each(ENGINES)('analyzeGrown on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => { k = await openTestKoers(engine, { xsd: false }); });
  afterAll(async () => { await k?.cleanup(); });

  const stats = async (t: string) => (await sql<{ reltuples: number; relpages: number }>`select reltuples::float8 as reltuples, relpages from pg_class where oid = to_regclass(${t})`.execute(k.db)).rows[0]!;
  const grow = (t: string, from: number, to: number) => sql`insert into ${sql.table(t)} select g, repeat('x', 100) from generate_series(${from}::int, ${to}::int) g`.execute(k.db);

  it('analyses a table that was never analysed or has grown, and leaves the others alone', async () => {
    await sql`create table test_grow (id int primary key, pad text)`.execute(k.db);
    await sql`create table test_still (id int primary key, pad text)`.execute(k.db);
    await grow('test_still', 1, 1000);
    await sql`analyze test_still`.execute(k.db);
    expect(await analyzeGrown(k.db, ['test_grow', 'test_still'])).toEqual(['test_grow']); // never analysed
    expect((await stats('test_grow')).reltuples).toBe(0);
    expect(await analyzeGrown(k.db, ['test_grow', 'test_still'])).toEqual([]);
    await grow('test_grow', 1, 2000);
    expect(await analyzeGrown(k.db, ['test_grow', 'test_still'])).toEqual(['test_grow']);
    expect((await stats('test_grow')).reltuples).toBe(2000);
    await grow('test_grow', 2001, 2050); // less than 10 % more
    expect(await analyzeGrown(k.db, ['test_grow', 'test_still'])).toEqual([]);
  });

  it('with belowPages, only tables analysed while small; with share, only a larger change', async () => {
    await sql`create table test_big (id int primary key, pad text)`.execute(k.db);
    await grow('test_big', 1, 20_000);
    await sql`analyze test_big`.execute(k.db);
    const pages = (await stats('test_big')).relpages;
    expect(pages).toBeGreaterThan(128);
    await grow('test_big', 20_001, 60_000); // three times as big
    expect(await analyzeGrown(k.db, ['test_big'], { share: 1, belowPages: 128 })).toEqual([]);
    expect(await analyzeGrown(k.db, ['test_big'], { share: 3 })).toEqual([]); // grew by 2×, not by more than 3×
    expect(await analyzeGrown(k.db, ['test_big'], { share: 1 })).toEqual(['test_big']);
  });
});
