import { sql, type Db } from '../db/index.js';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { buildTrajectories, type DeliveryFact, type ToewijzingFact } from './trajectories.js';

type Executor = Kysely<Database> | Transaction<Database>;

const FIRST_TOEWIJZINGSDATUM = 'trajectory.first_toewijzingsdatum';

/**
 * Rebuilds the derived trajectories (and not-started toewijzingen) of the given persons from
 * their message facts; only rows that changed are deleted and written. Returns the earliest date
 * whose figures may have changed (start of a new or removed trajectory, the earlier end of one whose
 * end changed), or null when nothing changed, so indicators can be recomputed from there. With
 * `columns`, a change visible in one column of a fact only is dated there instead ("fact.column" → date).
 */
export async function rebuildTrajectories(db: Executor, gemeenteCode: string, personIds: string[], asOf: string, columns?: Record<string, string>): Promise<string | null> {
  if (!personIds.length) return null;
  const toew = await sql<{
    person_id: string; law: string; toewijzing_nummer: string; agb_code: string; category_code: string | null; product_code: string | null;
    toewijzingsdatum: string; toewijzingstijd: string; ingangsdatum: string; einddatum: string | null; reden_wijziging: string | null; dagtekening: string; message_id: string; seq: number;
  }>`select person_id, law, toewijzing_nummer, agb_code, category_code, product_code, toewijzingsdatum, toewijzingstijd::text as toewijzingstijd,
            ingangsdatum, einddatum, reden_wijziging, dagtekening, message_id::text as message_id, seq
       from toewijzing_record where gemeente_code = ${gemeenteCode} and person_id = any(${personIds}::text[])`.execute(db);
  const del = await sql<{
    person_id: string; kind: 'start' | 'stop'; law: string; toewijzing_nummer: string; agb_code: string; category_code: string | null;
    begindatum: string; einddatum: string | null; reden_beeindiging: string | null; status_aanlevering: string; dagtekening: string; identificatie: string; seq: number;
    product_code: string | null; toewijzing_ingangsdatum: string | null; message_id: string;
  }>`select person_id, kind, law, toewijzing_nummer, agb_code, category_code, begindatum, einddatum, reden_beeindiging, status_aanlevering, dagtekening, identificatie, seq,
            product_code, toewijzing_ingangsdatum, message_id::text as message_id
       from delivery_record where gemeente_code = ${gemeenteCode} and person_id = any(${personIds}::text[])`.execute(db);

  const tByPerson = new Map<string, ToewijzingFact[]>();
  for (const r of toew.rows) {
    const list = tByPerson.get(r.person_id) ?? tByPerson.set(r.person_id, []).get(r.person_id)!;
    list.push({ law: r.law, toewijzingNummer: r.toewijzing_nummer, agbCode: r.agb_code, categoryCode: r.category_code, productCode: r.product_code, toewijzingsdatum: r.toewijzingsdatum, toewijzingstijd: r.toewijzingstijd, ingangsdatum: r.ingangsdatum, einddatum: r.einddatum, redenWijziging: r.reden_wijziging, dagtekening: r.dagtekening, messageKey: `${r.message_id}:${r.seq}` });
  }
  const dByPerson = new Map<string, DeliveryFact[]>();
  for (const r of del.rows) {
    const list = dByPerson.get(r.person_id) ?? dByPerson.set(r.person_id, []).get(r.person_id)!;
    list.push({ kind: r.kind, law: r.law, toewijzingNummer: r.toewijzing_nummer, agbCode: r.agb_code, categoryCode: r.category_code, begindatum: r.begindatum, einddatum: r.einddatum, redenBeeindiging: r.reden_beeindiging, statusAanlevering: r.status_aanlevering, dagtekening: r.dagtekening, messageKey: `${r.identificatie}:${r.seq}`,
      productCode: r.product_code, toewijzingIngangsdatum: r.toewijzing_ingangsdatum, recordKey: `${r.message_id}:${r.seq}` });
  }

  // What is stored now, to write only what changed (most files leave most trajectories as they were).
  const oldT = await sql<{ person_id: string; law: string; category_code: string; agb_code: string; start_date: string; v: string }>`
    select person_id, law, category_code, agb_code, start_date,
           concat_ws('|', coalesce(to_char(end_date, 'YYYY-MM-DD'), '-'), coalesce(end_reason, '-'), coalesce(end_source, '-'),
                     coalesce(to_char(first_toewijzingsdatum, 'YYYY-MM-DD'), '-'), array_to_string(toewijzing_nummers, ',')) as v
      from trajectory where gemeente_code = ${gemeenteCode} and person_id = any(${personIds}::text[])`.execute(db);
  const oldA = await sql<{ person_id: string; law: string; toewijzing_nummer: string; ingangsdatum: string; v: string }>`
    select person_id, law, toewijzing_nummer, ingangsdatum,
           concat_ws('|', person_id, coalesce(category_code, '-'), agb_code, to_char(toewijzingsdatum, 'YYYY-MM-DD'), to_char(ingangsdatum, 'YYYY-MM-DD'),
                     coalesce(to_char(einddatum, 'YYYY-MM-DD'), '-')) as v
      from allocation_without_start where gemeente_code = ${gemeenteCode} and person_id = any(${personIds}::text[])`.execute(db);
  const tKey = (p: string, law: string, cat: string, agb: string, start: string) => `${p}|${law}|${cat}|${agb}|${start}`;
  const oldTrajectories = new Map(oldT.rows.map((r) => [tKey(r.person_id, r.law, r.category_code, r.agb_code, r.start_date), r]));
  const oldAllocations = new Map(oldA.rows.map((r) => [`${r.person_id}|${r.law}|${r.toewijzing_nummer}`, r]));

  const cols = { person: [] as string[], law: [] as string[], cat: [] as string[], agb: [] as string[], start: [] as string[], end: [] as (string | null)[], reason: [] as (string | null)[], src: [] as (string | null)[], first: [] as (string | null)[], nummers: [] as string[] };
  const ns = { person: [] as string[], law: [] as string[], nummer: [] as string[], cat: [] as (string | null)[], agb: [] as string[], tdatum: [] as string[], ingang: [] as string[], eind: [] as (string | null)[] };
  let earliest: string | null = null;
  const consider = (d: string | null) => { if (d && (!earliest || d < earliest)) earliest = d; };
  const keepT = new Set<string>();
  const newKeys = new Set<string>();
  const keepA = new Set<string>();
  const lk = { person: [] as string[], message: [] as string[], seq: [] as number[], nummer: [] as (string | null)[], reason: [] as (string | null)[] };
  for (const personId of personIds) {
    const { trajectories, notStarted, links } = buildTrajectories(tByPerson.get(personId) ?? [], dByPerson.get(personId) ?? [], asOf);
    for (const l of links) {
      const [message, seq] = l.recordKey.split(':');
      lk.person.push(personId); lk.message.push(message!); lk.seq.push(Number(seq)); lk.nummer.push(l.toewijzingNummer); lk.reason.push(l.reason);
    }
    for (const t of trajectories) {
      const key = tKey(personId, t.law, t.categoryCode, t.agbCode, t.startDate);
      const v = [t.endDate ?? '-', t.endReason ?? '-', t.endSource ?? '-', t.firstToewijzingsdatum ?? '-', t.toewijzingNummers.join(',')].join('|');
      const before = oldTrajectories.get(key);
      if (before?.v === v) { keepT.add(key); continue; }
      newKeys.add(key);
      cols.person.push(personId); cols.law.push(t.law); cols.cat.push(t.categoryCode); cols.agb.push(t.agbCode); cols.start.push(t.startDate);
      cols.end.push(t.endDate); cols.reason.push(t.endReason); cols.src.push(t.endSource); cols.first.push(t.firstToewijzingsdatum);
      cols.nummers.push(t.toewijzingNummers.join(','));
      if (!before) consider(t.startDate); // a new trajectory counts from its start
      else {
        // Same trajectory, changed: an end (or its reason) moves periods from the earlier of the two
        // ends; the first toewijzingsdatum (waiting time) the start period. The toewijzing numbers
        // alone change no figure.
        const [oldEnd, oldReason, oldSource, oldFirst] = before.v.split('|');
        const end = t.endDate ?? '-';
        if (oldEnd !== end || oldReason !== (t.endReason ?? '-') || oldSource !== (t.endSource ?? '-')) {
          const ends = [oldEnd, end].filter((x) => x && x !== '-') as string[];
          consider(ends.length ? ends.sort()[0]! : t.startDate);
        }
        // The first toewijzingsdatum is a column of the trajectory fact only (the waiting time reads the
        // toewijzing records): with `columns`, it is dated there ("fact.column" → date), so only
        // definitions reading it go back to the start.
        if (oldFirst !== (t.firstToewijzingsdatum ?? '-')) {
          if (columns) { if (!columns[FIRST_TOEWIJZINGSDATUM] || t.startDate < columns[FIRST_TOEWIJZINGSDATUM]!) columns[FIRST_TOEWIJZINGSDATUM] = t.startDate; }
          else consider(t.startDate);
        }
      }
    }
    for (const a of notStarted) {
      const key = `${personId}|${a.law}|${a.toewijzingNummer}`;
      const v = [personId, a.categoryCode ?? '-', a.agbCode, a.toewijzingsdatum, a.ingangsdatum, a.einddatum ?? '-'].join('|');
      if (oldAllocations.get(key)?.v === v) { keepA.add(key); continue; }
      ns.person.push(personId); ns.law.push(a.law); ns.nummer.push(a.toewijzingNummer); ns.cat.push(a.categoryCode); ns.agb.push(a.agbCode); ns.tdatum.push(a.toewijzingsdatum); ns.ingang.push(a.ingangsdatum); ns.eind.push(a.einddatum);
      // No indicator fact reads allocation_without_start (the toewijzing facts read the records;
      // toewijzingChanges dates them), so it moves no period.
    }
  }
  // How starts/stops without ToewijzingNummer were linked (derived, rebuilt with the trajectories).
  await sql`delete from delivery_link where gemeente_code = ${gemeenteCode} and person_id = any(${personIds}::text[])`.execute(db);
  if (lk.person.length) {
    await sql`insert into delivery_link (gemeente_code, message_id, seq, person_id, toewijzing_nummer, reason)
      select ${gemeenteCode}, l.m, l.s, l.p, l.n, l.r
        from unnest(${lk.message}::uuid[], ${lk.seq}::int[], ${lk.person}::text[], ${lk.nummer}::text[], ${lk.reason}::text[]) as l(m, s, p, n, r)`.execute(db);
  }

  // Remove what no longer is (or changed), then write what is new (or changed).
  const goneT = [...oldTrajectories].filter(([k]) => !keepT.has(k)).map(([k, r]) => ({ ...r, k }));
  for (const r of goneT) if (!newKeys.has(r.k)) consider(r.start_date); // removed: from its start
  if (goneT.length) {
    await sql`delete from trajectory t using unnest(${goneT.map((r) => r.person_id)}::text[], ${goneT.map((r) => r.law)}::text[], ${goneT.map((r) => r.category_code)}::text[],
                                                  ${goneT.map((r) => r.agb_code)}::text[], ${goneT.map((r) => r.start_date)}::date[]) as g(p, law, cat, agb, start)
      where t.gemeente_code = ${gemeenteCode} and t.person_id = g.p and t.law = g.law and t.category_code = g.cat and t.agb_code = g.agb::char(8) and t.start_date = g.start`.execute(db);
  }
  const goneA = [...oldAllocations].filter(([k]) => !keepA.has(k)).map(([, r]) => r);
  if (goneA.length) {
    await sql`delete from allocation_without_start a using unnest(${goneA.map((r) => r.person_id)}::text[], ${goneA.map((r) => r.law)}::text[], ${goneA.map((r) => r.toewijzing_nummer)}::text[]) as g(p, law, nr)
      where a.gemeente_code = ${gemeenteCode} and a.law = g.law and a.toewijzing_nummer = g.nr and a.person_id = g.p`.execute(db);
  }
  if (cols.person.length) {
    await sql`insert into trajectory (gemeente_code, person_id, law, category_code, agb_code, start_date, end_date, end_reason, end_source, first_toewijzingsdatum, toewijzing_nummers)
      select ${gemeenteCode}, t.person_id, t.law, t.cat, t.agb, t.start_date, t.end_date, t.reason, t.src, t.first_date, string_to_array(t.nummers, ',')
        from unnest(${cols.person}::text[], ${cols.law}::text[], ${cols.cat}::text[], ${cols.agb}::text[], ${cols.start}::date[], ${cols.end}::date[],
                    ${cols.reason}::text[], ${cols.src}::text[], ${cols.first}::date[], ${cols.nummers}::text[])
          as t(person_id, law, cat, agb, start_date, end_date, reason, src, first_date, nummers)`.execute(db);
  }
  if (ns.person.length) {
    // A toewijzingnummer is unique per gemeente and law; the latest person wins if a sender reused one.
    await sql`insert into allocation_without_start (gemeente_code, person_id, law, toewijzing_nummer, category_code, agb_code, toewijzingsdatum, ingangsdatum, einddatum)
      select ${gemeenteCode}, a.person_id, a.law, a.nummer, a.cat, a.agb, a.tdatum, a.ingang, a.eind
        from unnest(${ns.person}::text[], ${ns.law}::text[], ${ns.nummer}::text[], ${ns.cat}::text[], ${ns.agb}::text[], ${ns.tdatum}::date[], ${ns.ingang}::date[], ${ns.eind}::date[])
          as a(person_id, law, nummer, cat, agb, tdatum, ingang, eind)
      on conflict (gemeente_code, law, toewijzing_nummer) do update set person_id = excluded.person_id, category_code = excluded.category_code,
        agb_code = excluded.agb_code, toewijzingsdatum = excluded.toewijzingsdatum, ingangsdatum = excluded.ingangsdatum, einddatum = excluded.einddatum`.execute(db);
  }
  return earliest;
}

/** Registered gemeenten (code → name). */
export async function listGemeenten(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('gemeente').select(['gemeente_code', 'name']).execute();
  return new Map(rows.map((r) => [r.gemeente_code, r.name]));
}

export async function addGemeente(db: Db, code: string, name: string): Promise<void> {
  if (!/^\d{4}$/.test(code)) throw new Error(`Gemeentecode "${code}" moet uit 4 cijfers bestaan (CBS-code zonder GM, bijvoorbeeld 0363)`);
  if (!name.trim()) throw new Error('Geef de naam van de gemeente');
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('gemeente').values({ gemeente_code: code, name: name.trim() }).onConflict((oc) => oc.column('gemeente_code').doUpdateSet({ name: name.trim() })).execute();
    await trx.insertInto('area').values({ gemeente_code: code, area_code: `GM${code}`, level: 'gemeente', parent_code: null, name: name.trim(), geometry: null })
      .onConflict((oc) => oc.columns(['gemeente_code', 'area_code']).doUpdateSet({ name: name.trim() })).execute();
  });
}

/**
 * Time moves trajectories too: a toewijzing whose einddatum has passed without a start ends its
 * trajectory (domain.md §4), with no message arriving. Rebuilds the persons whose toewijzing
 * einddatum fell between the last catch-up and `today`, and returns the earliest such date (the
 * first period the indicators must recompute), or null when nothing changed.
 */
export async function catchUpTrajectories(db: Db, gemeenteCode: string, today: string): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const g = (await sql<{ as_of: string | null }>`select trajectories_as_of as as_of from gemeente where gemeente_code = ${gemeenteCode} for update`.execute(trx)).rows[0];
    if (!g) return null;
    // First time: the last import rebuilt every person it touched as of that day.
    const since = g.as_of ?? (await sql<{ d: string | null }>`select max(received_at)::date::text as d from received_message where gemeente_code = ${gemeenteCode}`.execute(trx)).rows[0]!.d;
    if (since !== null && since >= today) return null;
    const persons = await sql<{ person_id: string; first: string }>`
      select person_id, min(einddatum)::text as first from toewijzing_record
       where gemeente_code = ${gemeenteCode} and einddatum is not null and einddatum < ${today}
         and (${since}::date is null or einddatum >= ${since}::date - 1)
       group by person_id`.execute(trx);
    let earliest: string | null = null;
    if (persons.rows.length) {
      await rebuildTrajectories(trx, gemeenteCode, persons.rows.map((r) => r.person_id), today);
      earliest = persons.rows.reduce((m, r) => (r.first < m ? r.first : m), persons.rows[0]!.first);
    }
    await sql`update gemeente set trajectories_as_of = ${today} where gemeente_code = ${gemeenteCode}`.execute(trx);
    return earliest;
  });
}

/**
 * The figures a new toewijzing version (301) changes, per fact, for the toewijzingen `keys`
 * (law, ToewijzingNummer) that the messages `batch` (already stored) carried. The latest version
 * of each toewijzing before the batch is compared with the latest after it:
 * - a new toewijzing, or one whose content changed (person, categorie, product, aanbieder,
 *   ingangsdatum, removed or not): the toewijzing, its allocated money and the declaraties it
 *   covers change from its ingangsdatum;
 * - a new volume, frequentie or budget (or a budget or total spread over a changed duration):
 *   allocated money from its ingangsdatum;
 * - only the einddatum moved (a verlenging, an early end): allocated money changes from the
 *   earlier of the two ends (unless it is a budget or a total spread over the duration), and the
 *   coverage of declaraties whose period reaches past that end; of the toewijzing fact only the
 *   column toewijzingsdatum changes (from its ingangsdatum).
 * Trajectory changes are dated by rebuildTrajectories. Returns fact id (or "fact.column" for a
 * change visible only in that column) → earliest date.
 */
export async function toewijzingChanges(db: Executor, gemeenteCode: string, keys: { law: string; nummer: string }[], batch: string[]): Promise<Record<string, string>> {
  if (!keys.length) return {};
  const rows = await sql<{
    law: string; nummer: string; a: string | null; b: string | null; a_ingang: string | null; b_ingang: string | null; a_eind: string | null; b_eind: string | null;
    a_budget: boolean; a_total: boolean; b_budget: boolean; b_total: boolean; wait_start: string | null;
  }>`
    with k as (select distinct law, nr from unnest(${keys.map((k) => k.law)}::text[], ${keys.map((k) => k.nummer)}::text[]) as k(law, nr)),
    v as (select k.law, k.nr, s.side, x.*
            from k cross join (values (true), (false)) s(side)
            left join lateral (
              select concat_ws('|', r.person_id, coalesce(r.category_code, '-'), coalesce(r.product_code, '-'), r.agb_code, to_char(r.ingangsdatum, 'YYYY-MM-DD'),
                               (coalesce(r.reden_wijziging, '') = '13' or (coalesce(r.reden_wijziging, '') = '01' and r.einddatum is not distinct from r.ingangsdatum))::text) as content,
                     concat_ws('|', coalesce(r.volume::text, '-'), coalesce(r.frequentie, '-'), coalesce(r.budget_cents::text, '-')) as money,
                     r.ingangsdatum, r.einddatum, r.budget_cents is not null as budget, coalesce(r.frequentie, '') = '6' as total,
                     concat_ws('|', to_char(r.toewijzingsdatum, 'YYYY-MM-DD'), r.toewijzingstijd::text, to_char(r.einddatum, 'YYYY-MM-DD')) as version
                from toewijzing_record r
               where r.gemeente_code = ${gemeenteCode} and r.law = k.law and r.toewijzing_nummer = k.nr
                 and (s.side or r.message_id <> all(${batch}::uuid[]))
               order by r.toewijzingsdatum desc, r.toewijzingstijd desc, r.dagtekening desc limit 1) x on true)
    select a.law, a.nr as nummer, a.content || '#' || a.money || '#' || a.version as a, b.content || '#' || b.money || '#' || b.version as b,
           a.ingangsdatum::text as a_ingang, b.ingangsdatum::text as b_ingang, a.einddatum::text as a_eind, b.einddatum::text as b_eind,
           coalesce(a.budget, false) as a_budget, coalesce(a.total, false) as a_total, coalesce(b.budget, false) as b_budget, coalesce(b.total, false) as b_total,
           -- The waiting time of a trajectory counts from the earliest toewijzingsdatum of its toewijzingen:
           -- a version of a toewijzing known before (b) with an earlier toewijzingsdatum moves it. A toewijzing
           -- new in this batch is a new or changed trajectory, dated by rebuildTrajectories. The CASE keeps the
           -- trajectory scan (by array membership, no index) to those rare corrections: evaluated for every
           -- new toewijzing it made a first import three times slower.
           case when b.content is not null
                 and (select min(r.toewijzingsdatum) from toewijzing_record r where r.gemeente_code = ${gemeenteCode} and r.law = a.law and r.toewijzing_nummer = a.nr and r.message_id = any(${batch}::uuid[]))
                   < (select min(r.toewijzingsdatum) from toewijzing_record r where r.gemeente_code = ${gemeenteCode} and r.law = a.law and r.toewijzing_nummer = a.nr and r.message_id <> all(${batch}::uuid[]))
           then (select min(t.start_date)::text from trajectory t where t.gemeente_code = ${gemeenteCode} and t.law = a.law and a.nr = any(t.toewijzing_nummers)) end as wait_start
      from v a join v b on b.law = a.law and b.nr = a.nr and not b.side
     where a.side`.execute(db);
  const out: Record<string, string> = {};
  const note = (fact: string, d: string | null) => { if (d && (!out[fact] || d < out[fact]!)) out[fact] = d; };
  const min = (...ds: (string | null)[]) => ds.filter((d): d is string => !!d).sort()[0] ?? null;
  const coverage: { law: string; nummer: string; end: string }[] = [];
  for (const r of rows.rows) {
    note('trajectory', r.wait_start);
    if (r.a === r.b) continue; // the batch's version is not the latest: nothing the facts show changed
    const from = min(r.a_ingang, r.b_ingang);
    const [aContent, aMoney] = (r.a ?? '').split('#');
    const [bContent, bMoney] = (r.b ?? '').split('#');
    if (!r.b || aContent !== bContent) {
      note('toewijzing', from);
      note('allocation', from);
      note('prestatie', from);
      continue;
    }
    // Same toewijzing, a new version: of the toewijzing fact only its toewijzingsdatum changed.
    note('toewijzing.toewijzingsdatum', from);
    const endMoved = r.a_eind !== r.b_eind;
    // The amount per day: a new volume, frequentie or budget, or a budget or total spread over a changed duration.
    if (aMoney !== bMoney || (endMoved && (r.a_budget || r.a_total || r.b_budget || r.b_total))) note('allocation', from);
    if (!endMoved) continue;
    // The end moved: open ends count as "no end".
    const end = min(r.a_eind ?? '9999-12-31', r.b_eind ?? '9999-12-31')!;
    note('allocation', end);
    coverage.push({ law: r.law, nummer: r.nummer, end });
  }
  if (coverage.length) {
    // A declared prestatie is covered depending on the toewijzing's end: those ending on or after the earlier end can change.
    const c = await sql<{ d: string | null }>`
      select min(p.periode_begin)::text as d from prestatie_record p
        join unnest(${coverage.map((x) => x.law)}::text[], ${coverage.map((x) => x.nummer)}::text[], ${coverage.map((x) => x.end)}::date[]) as k(law, nr, e)
          on p.gemeente_code = ${gemeenteCode} and p.law = k.law and p.toewijzing_nummer = k.nr and p.periode_eind >= k.e`.execute(db);
    note('prestatie', c.rows[0]?.d ?? null);
  }
  return out;
}
