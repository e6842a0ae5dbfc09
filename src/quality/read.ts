import { sql, type Db } from '../db/index.js';
import { RULES } from './rules.js';

export interface QualitySummary {
  rules: { id: string; label: string; description: string; open: number; total: number }[];
  aanbieders: { agb: string; name: string; messages: number; startsOnTimePct: number | null; stopsOnTimePct: number | null; open: number; byRule: Record<string, number> }[];
  months: { month: string; messages: number; startsOnTimePct: number | null; stopsOnTimePct: number | null; newFindings: number }[];
  rejectedFiles: { source: string; open: number; total: number }[];
}

/**
 * The data-quality picture of one gemeente: findings per rule, per aanbieder and over time, with
 * timeliness (share of start/stop messages within 5 werkdagen) and completeness (open findings).
 * Aggregates of message traffic, no person-level data.
 */
export async function qualitySummary(db: Db, gemeente: string, months = 24): Promise<QualitySummary> {
  const byRule = await sql<{ rule_id: string; open: number; total: number }>`
    select rule_id, count(*) filter (where status = 'open') as open, count(*) as total
      from dq_finding where gemeente_code = ${gemeente} and not gone group by rule_id`.execute(db);
  const ruleCounts = new Map(byRule.rows.map((r) => [r.rule_id, r]));

  const timeliness = (groupBy: 'agb' | 'month') => sql<{ k: string; starts: number; starts_on_time: number; stops: number; stops_on_time: number }>`
    select ${groupBy === 'agb' ? sql`d.agb_code` : sql`to_char(d.dagtekening, 'YYYY-MM')`} as k,
           count(*) filter (where d.kind = 'start') as starts,
           count(*) filter (where d.kind = 'start' and dd.werkdag_index - rd.werkdag_index <= 5) as starts_on_time,
           count(*) filter (where d.kind = 'stop') as stops,
           count(*) filter (where d.kind = 'stop' and dd.werkdag_index - rd.werkdag_index <= 5) as stops_on_time
      from delivery_record d
      join calendar_day rd on rd.day = (case when d.kind = 'start' then d.begindatum else d.einddatum end)
      join calendar_day dd on dd.day = d.dagtekening
     where d.gemeente_code = ${gemeente} and d.status_aanlevering = '1' and coalesce(d.reden_beeindiging, '') <> '20'
     group by 1`.execute(db);
  const pct = (a: number, b: number) => (b > 0 ? Math.round((1000 * a) / b) / 10 : null);

  const [agbTime, monthTime] = await Promise.all([timeliness('agb'), timeliness('month')]);
  const agbTimeMap = new Map(agbTime.rows.map((r) => [r.k, r]));
  const monthTimeMap = new Map(monthTime.rows.map((r) => [r.k, r]));

  const aanbieders = await sql<{ agb: string; name: string; messages: number }>`
    select a.agb_code as agb, a.name, (select count(*) from received_message m where m.gemeente_code = a.gemeente_code
             and (m.afzender = a.agb_code or m.ontvanger = a.agb_code)) as messages
      from aanbieder a where a.gemeente_code = ${gemeente} order by a.name`.execute(db);
  const findingsByAgb = await sql<{ agb: string; rule_id: string; n: number }>`
    select agb_code as agb, rule_id, count(*) as n from dq_finding
     where gemeente_code = ${gemeente} and not gone and status = 'open' and agb_code is not null group by 1, 2`.execute(db);
  const agbRules = new Map<string, Record<string, number>>();
  for (const r of findingsByAgb.rows) (agbRules.get(r.agb) ?? agbRules.set(r.agb, {}).get(r.agb)!)[r.rule_id] = r.n;

  const monthMsgs = await sql<{ month: string; n: number }>`
    select to_char(dagtekening, 'YYYY-MM') as month, count(*) as n from received_message where gemeente_code = ${gemeente}
     group by 1 order by 1 desc limit ${months}`.execute(db);
  const monthFindings = await sql<{ month: string; n: number }>`
    select to_char(ref_date, 'YYYY-MM') as month, count(*) as n from dq_finding where gemeente_code = ${gemeente} and not gone group by 1`.execute(db);
  const mf = new Map(monthFindings.rows.map((r) => [r.month, r.n]));

  const rejected = await sql<{ source: string; open: number; total: number }>`
    select source, count(*) filter (where status = 'open') as open, count(*) as total from quarantine_record
     where gemeente_code = ${gemeente} or gemeente_code is null group by source order by source`.execute(db);

  return {
    rules: RULES.map((r) => ({ id: r.id, label: r.label, description: r.description, open: ruleCounts.get(r.id)?.open ?? 0, total: ruleCounts.get(r.id)?.total ?? 0 })),
    aanbieders: aanbieders.rows.map((a) => {
      const t = agbTimeMap.get(a.agb);
      const br = agbRules.get(a.agb) ?? {};
      return { agb: a.agb, name: a.name, messages: a.messages, startsOnTimePct: t ? pct(t.starts_on_time, t.starts) : null, stopsOnTimePct: t ? pct(t.stops_on_time, t.stops) : null, open: Object.values(br).reduce((x, y) => x + y, 0), byRule: br };
    }),
    months: monthMsgs.rows.reverse().map((m) => {
      const t = monthTimeMap.get(m.month);
      return { month: m.month, messages: m.n, startsOnTimePct: t ? pct(t.starts_on_time, t.starts) : null, stopsOnTimePct: t ? pct(t.stops_on_time, t.stops) : null, newFindings: mf.get(m.month) ?? 0 };
    }),
    rejectedFiles: rejected.rows,
  };
}

export interface FindingRow { id: string; rule: string; agb: string | null; law: string | null; refDate: string | null; detail: Record<string, unknown>; status: string; firstSeen: string }

/** The follow-up list. Findings carry no BSN; the person pseudonym is left out for non-analysts by the caller. */
export async function listFindings(db: Db, gemeente: string, f: { rule?: string; agb?: string; status?: string; limit?: number; offset?: number }): Promise<{ total: number; rows: FindingRow[] }> {
  const where = sql`gemeente_code = ${gemeente} and not gone
    and (${f.rule ?? null}::text is null or rule_id = ${f.rule ?? null})
    and (${f.agb ?? null}::text is null or agb_code = ${f.agb ?? null})
    and (${f.status ?? null}::text is null or status = ${f.status ?? null})`;
  const total = await sql<{ n: number }>`select count(*) as n from dq_finding where ${where}`.execute(db);
  const rows = await sql<{ id: string; rule_id: string; agb_code: string | null; law: string | null; ref_date: string | null; detail: Record<string, unknown>; status: string; first_seen: Date }>`
    select md5(finding_key) as id, rule_id, agb_code, law, ref_date, detail, status, first_seen from dq_finding where ${where}
     order by ref_date desc nulls last, finding_key limit ${Math.min(f.limit ?? 50, 500)} offset ${f.offset ?? 0}`.execute(db);
  return { total: total.rows[0]!.n, rows: rows.rows.map((r) => ({ id: r.id, rule: r.rule_id, agb: r.agb_code, law: r.law, refDate: r.ref_date, detail: r.detail, status: r.status, firstSeen: new Date(r.first_seen).toISOString() })) };
}

/** `id` is the md5 of the finding key: stable, and it does not show the pseudonym a key may contain. */
export async function setFindingStatus(db: Db, gemeente: string, id: string, status: 'open' | 'resolved' | 'ignored', by: string): Promise<boolean> {
  const res = await sql`update dq_finding set status = ${status}, status_by = ${by}, status_at = now() where gemeente_code = ${gemeente} and md5(finding_key) = ${id}`.execute(db);
  return Number(res.numAffectedRows ?? 0) > 0;
}
