import type { Db } from '../../db/index.js';
import type { Role, Scope } from '../../auth/index.js';
import { definitionsFor, readResults } from '../../indicators/index.js';
import { periodTypeFor } from '../../indicators/overview.js';
import { createAction } from './actions.js';
import { saveNote } from './notes.js';
import { todayInNl } from './rules.js';

/**
 * Turn-the-curve notes and actions for the demo gemeente's adopted beleidskader, written through
 * the normal write path (history and audit included), so the Sturen page tells a story: the first
 * two indicators with figures have a note for their latest period, the third a note for the period
 * before (so it shows as "verouderd"), the rest none; three actions — one running past its due date,
 * one planned, one finished — are linked to the first goals and indicators.
 */
const NOTES = [
  {
    story: 'Het cijfer beweegt nog niet genoeg de goede kant op. Veel inwoners komen pas in beeld als de problemen al groot zijn.',
    helps: 'Wijkteams die vroeg aanschuiven bij de huisarts en de school. Een vast gezicht per gezin.',
    hurts: 'Wachtlijsten bij specialistische hulp en personeelstekort bij aanbieders.',
    partners: 'Huisartsen, scholen, woningcorporaties, aanbieders in de wijk.',
    whatWorks: 'Eén gezin, één plan, één regisseur: minder overdrachten en minder uitval.',
    actionPlan: 'In elke wijk een vast aanspreekpunt; elk kwartaal bespreken we de cijfers met de partners.',
  },
  {
    story: 'Het gaat langzaam beter. De nieuwe werkwijze in de toegang begint effect te hebben.',
    helps: 'Een keukentafelgesprek binnen twee weken en afspraken over afschalen na een jaar.',
    hurts: 'Onduidelijkheid over wie regie heeft als er meer wetten tegelijk spelen.',
    partners: 'Sociaal wijkteam, schuldhulp, werk en inkomen.',
    whatWorks: 'Samen met de inwoner doelen opschrijven en die na een half jaar bespreken.',
    actionPlan: 'De werkwijze uitbreiden naar alle wijken en volgen met dit cijfer.',
  },
  {
    story: 'Vorig jaar liep het cijfer op. We denken dat dit komt door de krappe arbeidsmarkt bij aanbieders.',
    helps: 'Afspraken met aanbieders over wachttijden in de contracten.',
    hurts: 'Lange wachttijden voor specialistische hulp.',
    partners: 'Aanbieders, regio-inkoop.',
    whatWorks: '',
    actionPlan: 'In het contractgesprek wachttijden vast agenderen.',
  },
];

export async function seedDemoCurve(db: Db, gemeente: string, frameworkId: string): Promise<{ notes: number; actions: number }> {
  const user = await db.selectFrom('app_user').select(['user_id', 'username']).where('gemeente_code', '=', gemeente).where('role', '=', 'beleid').orderBy('created_at').executeTakeFirst();
  if (!user) throw new Error(`Demo: gemeente ${gemeente} has no beleid account to write notes as.`);
  const scope: Scope = { userId: user.user_id, username: user.username, role: 'beleid' as Role, gemeenteCode: gemeente };
  const version = await db.selectFrom('framework_version').select('version').where('gemeente_code', '=', gemeente).where('framework_id', '=', frameworkId)
    .where('status', '=', 'vastgesteld').executeTakeFirst();
  if (!version) return { notes: 0, actions: 0 };
  const links = await db.selectFrom('framework_indicator as i')
    .innerJoin('framework_node as n', (j) => j.onRef('n.gemeente_code', '=', 'i.gemeente_code').onRef('n.framework_id', '=', 'i.framework_id').onRef('n.version', '=', 'i.version').onRef('n.node_id', '=', 'i.node_id'))
    .select(['i.indicator_id', 'i.node_id', 'n.title']).where('i.gemeente_code', '=', gemeente).where('i.framework_id', '=', frameworkId).where('i.version', '=', version.version)
    .orderBy('n.position').orderBy('i.position').orderBy('i.indicator_id').execute();
  const defs = new Map((await definitionsFor(db, gemeente)).map((d) => [d.id, d]));

  // Indicators with at least two published values, in the order of the tree.
  const usable: { id: string; nodeId: string; periodType: string; periods: string[] }[] = [];
  for (const l of links) {
    const d = defs.get(l.indicator_id);
    if (!d || usable.some((u) => u.id === d.id)) continue;
    const periodType = periodTypeFor(d, 'year');
    const periods = (await readResults(db, d, { gemeente, periodType, by: null, profile: 'default' })).filter((r) => r.value !== null).map((r) => r.period);
    if (periods.length >= 2) usable.push({ id: d.id, nodeId: l.node_id, periodType, periods });
    if (usable.length === 3) break;
  }
  let notes = 0;
  for (const [i, u] of usable.entries()) {
    const period = i < 2 ? u.periods.at(-1)! : u.periods.at(-2)!;
    await saveNote(db, scope, { indicatorId: u.id, periodType: u.periodType, period, area: null }, NOTES[i]!);
    notes++;
  }

  const names = new Map([...defs.values()].map((d) => [d.id, d.name]));
  const goal = (k: number) => (usable[k] ? [{ frameworkId, nodeId: usable[k]!.nodeId }, { indicatorId: usable[k]!.id }] : []);
  const actions = [
    { title: 'Vast aanspreekpunt per wijk aanstellen', description: 'Elke wijk krijgt één aanspreekpunt voor huisartsen en scholen.', owner: 'Team Toegang', status: 'bezig' as const, startDate: '2025-02-01', dueDate: '2025-09-30', doneOn: null, links: goal(0) },
    { title: 'Afschalen na een jaar in alle wijken', description: 'Na een jaar ondersteuning bespreken of lichtere hulp past.', owner: 'Wijkteam Centrum', status: 'gepland' as const, startDate: '2026-01-01', dueDate: '2027-03-31', doneOn: null, links: goal(1) },
    { title: 'Wachttijden in de contracten', description: 'Afspraken over maximale wachttijden in de inkoop 2025.', owner: 'Contractmanagement', status: 'afgerond' as const, startDate: '2024-09-01', dueDate: '2025-06-30', doneOn: '2025-06-15', links: goal(2) },
  ];
  for (const a of actions) await createAction(db, scope, a, todayInNl(), names);
  return { notes, actions: actions.length };
}
