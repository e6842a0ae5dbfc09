import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { sql } from '../../src/db/index.js';
import { neverComputed } from '../../src/indicators/index.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { file, referenceFiles } from '../helpers/fixtures.js';
import { msg301, msg305, type Header } from '../helpers/messages.js';

const h = (id: string, dag: string): Header => ({ std: 'iwmo', gemeente: '9001', agb: '99000001', id, dag });

// After an upgrade of Koers a catalogue definition can have a version this database never computed
// (its results and state belong to the old version). The server's catch-up at start computes it,
// without waiting for the next import.
describe.each(ENGINES)('definitions never computed on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    await k.importFiles([
      ...referenceFiles(),
      file('a301.xml', msg301(h('T1', '2024-03-01'), { bsn: '999900006', postcode: '9001AA' }, [{ nr: '1', cat: '02', tdatum: '2024-03-01', ingang: '2024-03-01' }])),
      file('a305.xml', msg305(h('S1', '2024-04-05'), { bsn: '999900006' }, [{ nr: '1', cat: '02', ingang: '2024-03-01', begin: '2024-03-28' }])),
    ], { source: 'test', asOf: '2024-12-31' });
  });
  afterAll(async () => { await k?.cleanup(); });

  it('are computed by the catch-up at start, with the same results as after an import', async () => {
    expect(await neverComputed(k.db, '9001')).toEqual([]);
    const read = () => sql<{ period: string; numerator: number | null; value: number | null }>`
      select period, numerator, value from indicator_result where gemeente_code = '9001' and indicator_id = 'wmo_clients_per_1000' order by period_type, period, breakdown_key`.execute(k.db);
    const before = (await read()).rows;
    expect(before.length).toBeGreaterThan(0);
    // As if the catalogue's version were new: no state and no results for it.
    await sql`delete from indicator_result where gemeente_code = '9001' and indicator_id = 'wmo_clients_per_1000'`.execute(k.db);
    await sql`delete from indicator_state where gemeente_code = '9001' and indicator_id = 'wmo_clients_per_1000'`.execute(k.db);
    expect(await neverComputed(k.db, '9001')).toEqual(['wmo_clients_per_1000']);
    const stats = await k.catchUp('2024-12-31');
    expect(stats.length).toBe(1);
    expect(await neverComputed(k.db, '9001')).toEqual([]);
    expect((await read()).rows).toEqual(before);
    // Nothing left to do: the next catch-up computes nothing.
    expect(await k.catchUp('2024-12-31')).toEqual([]);
  });
});
