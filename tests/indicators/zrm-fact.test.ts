import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { sql } from '../../src/db/index.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';

// f_zrm (migration 0023): one row per person and assessment date, with the domains that went up or
// down against the person's first assessment. Only domains the first assessment scored count.
describe.each(ENGINES)('the ZRM fact on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    await addGemeente(k.db, '9002', 'Anderdam');
    const rows: [string, string, string, string, string, number][] = [
      // A: intake scores F 2, H 3; evaluatie F 3 (up), H 2 (down), S 4 (not scored at intake: not compared);
      // uitstroom F 4 (up), H 3 (equal), S 1 (still not compared).
      ['9001', 'A', '2024-01-10', 'financien', 'intake', 2], ['9001', 'A', '2024-01-10', 'huisvesting', 'intake', 3],
      ['9001', 'A', '2024-03-01', 'financien', 'evaluatie', 3], ['9001', 'A', '2024-03-01', 'huisvesting', 'evaluatie', 2], ['9001', 'A', '2024-03-01', 'sociaal_netwerk', 'evaluatie', 4],
      ['9001', 'A', '2024-06-01', 'financien', 'uitstroom', 4], ['9001', 'A', '2024-06-01', 'huisvesting', 'uitstroom', 3], ['9001', 'A', '2024-06-01', 'sociaal_netwerk', 'uitstroom', 1],
      // B: a domain first scored after the intake date is never compared, even against its own first score.
      ['9001', 'B', '2024-02-01', 'financien', 'intake', 3],
      ['9001', 'B', '2024-04-01', 'huisvesting', 'evaluatie', 1], ['9001', 'B', '2024-05-01', 'huisvesting', 'evaluatie', 5], ['9001', 'B', '2024-05-01', 'financien', 'evaluatie', 1],
      // The same person key in another gemeente is another person: its earlier intake does not count in 9001.
      ['9002', 'A', '2023-01-01', 'financien', 'intake', 1],
    ];
    for (const [g, p, d, domain, moment, score] of rows) {
      await sql`insert into zrm_assessment (gemeente_code, person_id, assessment_date, domain, moment, version, source_domain, score)
                values (${g}, ${p}, ${d}, ${domain}, ${moment}, '2017', ${domain}, ${score})`.execute(k.db);
    }
  });
  afterAll(async () => { await k?.cleanup(); });

  it('compares every assessment with the person’s first, per domain the first one scored', async () => {
    const rows = (await sql<{ person_id: string; d: string; nth: number; up: number; down: number; financien: number; lowest: number; moment: string }>`
      select person_id, assessment_date::text as d, nth::int, domains_up::int as up, domains_down::int as down, financien, lowest, moment
        from f_zrm where gemeente_code = '9001' order by person_id, assessment_date`.execute(k.db)).rows;
    expect(rows).toEqual([
      { person_id: 'A', d: '2024-01-10', nth: 1, up: 0, down: 0, financien: 2, lowest: 2, moment: 'intake' },
      { person_id: 'A', d: '2024-03-01', nth: 2, up: 1, down: 1, financien: 3, lowest: 2, moment: 'evaluatie' },
      { person_id: 'A', d: '2024-06-01', nth: 3, up: 1, down: 0, financien: 4, lowest: 1, moment: 'uitstroom' },
      { person_id: 'B', d: '2024-02-01', nth: 1, up: 0, down: 0, financien: 3, lowest: 3, moment: 'intake' },
      { person_id: 'B', d: '2024-04-01', nth: 2, up: 0, down: 0, financien: null, lowest: 1, moment: 'evaluatie' },
      { person_id: 'B', d: '2024-05-01', nth: 3, up: 0, down: 1, financien: 1, lowest: 1, moment: 'evaluatie' },
    ]);
  });
});
