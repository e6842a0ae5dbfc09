import crypto from 'node:crypto';
import type { Db } from '../../db/index.js';
import type { Scope } from '../../auth/index.js';
import { readHistory, recordChange } from '../history.js';
import { diffFields, type FieldChange } from './rules.js';

/**
 * Turn-the-curve notes (table indicator_note): one current note per indicator × period type ×
 * period × area (null = the whole gemeente). Every change is written with recordChange in the
 * same transaction (steering_history + audit log), so the history list is complete.
 */

export class CurveError extends Error {
  override name = 'CurveError';
  constructor(public readonly kind: 'bad_request' | 'not_found' | 'conflict', message: string) { super(message); }
}

export const NOTE_FIELDS = ['story', 'helps', 'hurts', 'partners', 'whatWorks', 'actionPlan'] as const;
export type NoteField = (typeof NOTE_FIELDS)[number];
/** Dutch labels, also used for the readable diff in the history. */
export const NOTE_FIELD_LABELS: Record<NoteField, string> = {
  story: 'Het verhaal achter de curve',
  helps: 'Wat helpt',
  hurts: 'Wat werkt tegen',
  partners: 'Partners',
  whatWorks: 'Wat werkt',
  actionPlan: 'Actieplan',
};
export const NOTE_FIELD_MAX: Record<NoteField, number> = { story: 8000, helps: 4000, hurts: 4000, partners: 4000, whatWorks: 4000, actionPlan: 8000 };

export interface NoteKey { indicatorId: string; periodType: string; period: string; area: string | null }
export type NoteText = Record<NoteField, string>;
export interface Note extends NoteKey, NoteText { noteId: string; areaName: string | null; writtenBy: string; writtenAt: string }

type Row = { note_id: string; indicator_id: string; period_type: string; period: string; area_code: string | null; name?: string | null; story: string; helps: string; hurts: string; partners: string; what_works: string; action_plan: string; written_by: string; written_at: Date };
const toNote = (r: Row): Note => ({
  noteId: r.note_id, indicatorId: r.indicator_id, periodType: r.period_type, period: r.period, area: r.area_code, areaName: r.area_code ? r.name ?? r.area_code : null,
  story: r.story, helps: r.helps, hurts: r.hurts, partners: r.partners, whatWorks: r.what_works, actionPlan: r.action_plan,
  writtenBy: r.written_by, writtenAt: new Date(r.written_at).toISOString(),
});
const snapshot = (n: NoteKey & NoteText) => ({
  indicatorId: n.indicatorId, periodType: n.periodType, period: n.period, area: n.area,
  story: n.story, helps: n.helps, hurts: n.hurts, partners: n.partners, whatWorks: n.whatWorks, actionPlan: n.actionPlan,
});

export interface NoteFilter { indicatorId?: string; periodType?: string; period?: string; /** undefined = every area; null = the whole gemeente only. */ area?: string | null }

/** Notes of the caller's gemeente, newest period first. */
export async function readNotes(db: Db, scope: Scope, f: NoteFilter): Promise<Note[]> {
  let q = db.selectFrom('indicator_note as n')
    .leftJoin('area as a', (j) => j.onRef('a.gemeente_code', '=', 'n.gemeente_code').onRef('a.area_code', '=', 'n.area_code'))
    .select(['n.note_id', 'n.indicator_id', 'n.period_type', 'n.period', 'n.area_code', 'a.name', 'n.story', 'n.helps', 'n.hurts', 'n.partners', 'n.what_works', 'n.action_plan', 'n.written_by', 'n.written_at'])
    .where('n.gemeente_code', '=', scope.gemeenteCode);
  if (f.indicatorId) q = q.where('n.indicator_id', '=', f.indicatorId);
  if (f.periodType) q = q.where('n.period_type', '=', f.periodType);
  if (f.period) q = q.where('n.period', '=', f.period);
  if (f.area === null) q = q.where('n.area_code', 'is', null);
  else if (f.area !== undefined) q = q.where('n.area_code', '=', f.area);
  const rows = await q.orderBy('n.indicator_id').orderBy('n.period', 'desc').orderBy('n.area_code').execute();
  return rows.map((r) => toNote(r as Row));
}

export async function readNote(db: Db, scope: Scope, key: NoteKey): Promise<Note | null> {
  return (await readNotes(db, scope, { ...key, area: key.area })).at(0) ?? null;
}

/**
 * Creates or changes the note for `key`. `expectedWrittenAt`: the writtenAt the editor started
 * from (null = "there was no note"); when someone else saved in between, a conflict is raised
 * instead of silently overwriting their text. Unchanged text writes nothing.
 */
export async function saveNote(db: Db, scope: Scope, key: NoteKey, text: NoteText, expectedWrittenAt?: string | null): Promise<{ note: Note; change: 'created' | 'changed' | 'unchanged' }> {
  if (NOTE_FIELDS.every((f) => text[f].trim() === '')) throw new CurveError('bad_request', 'Vul minstens één veld van de notitie in.');
  const result = await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('indicator_note').selectAll()
      .where('gemeente_code', '=', scope.gemeenteCode).where('indicator_id', '=', key.indicatorId)
      .where('period_type', '=', key.periodType).where('period', '=', key.period)
      .where((eb) => (key.area === null ? eb('area_code', 'is', null) : eb('area_code', '=', key.area)))
      .forUpdate().executeTakeFirst();
    if (expectedWrittenAt !== undefined) {
      const actual = existing ? new Date(existing.written_at).toISOString() : null;
      if (actual !== (expectedWrittenAt === null ? null : new Date(expectedWrittenAt).toISOString())) {
        throw new CurveError('conflict', existing
          ? `Iemand anders (${existing.written_by}) heeft deze notitie intussen aangepast. Laad de pagina opnieuw en neem uw wijzigingen over.`
          : 'Deze notitie is intussen verwijderd of bestond nog niet. Laad de pagina opnieuw.');
      }
    }
    const values = { story: text.story, helps: text.helps, hurts: text.hurts, partners: text.partners, what_works: text.whatWorks, action_plan: text.actionPlan };
    if (!existing) {
      const noteId = crypto.randomUUID();
      await trx.insertInto('indicator_note').values({
        gemeente_code: scope.gemeenteCode, note_id: noteId, indicator_id: key.indicatorId, period_type: key.periodType, period: key.period, area_code: key.area,
        ...values, written_by: scope.username,
      }).execute();
      await recordChange(trx, scope, { entity: 'note', entityId: noteId, change: 'created', after: snapshot({ ...key, ...text }) });
      return 'created' as const;
    }
    const before = { ...key, story: existing.story, helps: existing.helps, hurts: existing.hurts, partners: existing.partners, whatWorks: existing.what_works, actionPlan: existing.action_plan };
    if (NOTE_FIELDS.every((f) => before[f] === text[f])) return 'unchanged' as const;
    await trx.updateTable('indicator_note').set({ ...values, written_by: scope.username, written_at: new Date() })
      .where('gemeente_code', '=', scope.gemeenteCode).where('note_id', '=', existing.note_id).execute();
    await recordChange(trx, scope, { entity: 'note', entityId: existing.note_id, change: 'changed', before: snapshot(before), after: snapshot({ ...key, ...text }) });
    return 'changed' as const;
  }).catch((e: unknown) => {
    // Two first saves of the same note at once: the unique index refuses the second.
    if ((e as { code?: string }).code === '23505') throw new CurveError('conflict', 'Iemand anders heeft deze notitie net aangemaakt. Laad de pagina opnieuw.');
    throw e;
  });
  const note = await readNote(db, scope, key);
  return { note: note!, change: result };
}

export interface HistoryItem { change: string; changedBy: string; changedAt: string; fields: FieldChange[] }

/** The history of one note, newest first, with a readable diff per field. */
export async function noteHistory(db: Db, scope: Scope, noteId: string): Promise<HistoryItem[]> {
  const entries = await readHistory(db, scope, 'note', noteId);
  return entries.map((e) => ({
    change: e.change, changedBy: e.changedBy, changedAt: e.changedAt,
    fields: diffFields(e.before as Record<string, unknown> | null, e.after as Record<string, unknown> | null, NOTE_FIELD_LABELS),
  }));
}
