import { sql, type Db } from '../db/index.js';
import { calendarRows } from '../model/calendar.js';
import { RULES } from './rules.js';

const CALENDAR_FROM = '2000-01-01';
const CALENDAR_TO = '2045-12-31';

/** Fills calendar_day once (idempotent). */
export async function ensureCalendar(db: Db): Promise<void> {
  const last = await sql<{ n: number }>`select count(*) as n from calendar_day where day = ${CALENDAR_TO}::date`.execute(db);
  if (last.rows[0]!.n > 0) return;
  const rows = calendarRows(CALENDAR_FROM, CALENDAR_TO);
  await db.transaction().execute(async (trx) => {
    await sql`delete from calendar_day`.execute(trx);
    await sql`insert into calendar_day (day, werkdag, werkdag_index)
      select * from unnest(${rows.map((r) => r.day)}::date[], ${rows.map((r) => r.werkdag)}::boolean[], ${rows.map((r) => r.index)}::int[])`.execute(trx);
  });
}

/**
 * Runs every rule for one gemeente and merges the findings: new ones are added as open, known
 * ones keep the status a user gave them, and ones the data no longer shows are marked gone.
 */
export async function recomputeQuality(db: Db, gemeente: string, asOf = new Date().toISOString().slice(0, 10)): Promise<{ findings: number; seconds: number }> {
  const started = Date.now();
  let findings = 0;
  await db.transaction().execute(async (trx) => {
    const runStart = (await sql<{ now: Date }>`select now() as now`.execute(trx)).rows[0]!.now;
    for (const rule of RULES) {
      const res = await sql`
        insert into dq_finding (gemeente_code, finding_key, rule_id, agb_code, law, person_id, ref_date, detail)
        select ${gemeente}, f.k, ${rule.id}, f.agb, f.law, f.person, f.ref_date, f.detail
          from (${rule.query(gemeente, asOf)}) as f(k, agb, law, person, ref_date, detail)
        on conflict (gemeente_code, finding_key) do update set last_seen = now(), gone = false, detail = excluded.detail,
          agb_code = excluded.agb_code, ref_date = excluded.ref_date`.execute(trx);
      findings += Number(res.numAffectedRows ?? 0);
    }
    await sql`update dq_finding set gone = true where gemeente_code = ${gemeente} and last_seen < ${runStart} and not gone`.execute(trx);
  });
  return { findings, seconds: (Date.now() - started) / 1000 };
}
