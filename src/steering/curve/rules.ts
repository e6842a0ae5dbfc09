/**
 * Small pure rules of turn-the-curve and actions (issue 5): today's date in the gemeente's time
 * zone, when an action is overdue, when a note is stale, and a readable per-field diff for the
 * history views. No database access here; tested in tests/steering/curve-rules.test.ts.
 */

export type ActionStatus = 'gepland' | 'bezig' | 'afgerond' | 'gestopt';
export const ACTION_STATUSES: readonly ActionStatus[] = ['gepland', 'bezig', 'afgerond', 'gestopt'];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { gepland: 'Gepland', bezig: 'Bezig', afgerond: 'Afgerond', gestopt: 'Gestopt' };
/** An action is open while it is planned or under way; afgerond and gestopt are closed. */
export const isOpenStatus = (s: ActionStatus) => s === 'gepland' || s === 'bezig';

/** The calendar date in the Netherlands (a due date "passes" at midnight Dutch time, not UTC). */
export function todayInNl(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * Overdue: the due date has passed (it is before today; on the due date itself the action is not
 * yet overdue) and the action is still open (gepland or bezig). Without a due date never overdue.
 */
export function isOverdue(a: { status: ActionStatus; dueDate: string | null }, today: string): boolean {
  return a.dueDate !== null && a.dueDate < today && isOpenStatus(a.status);
}

/** Whole days an action is past its due date (0 when not overdue). */
export function daysOverdue(a: { status: ActionStatus; dueDate: string | null }, today: string): number {
  if (!isOverdue(a, today)) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${a.dueDate}T00:00:00Z`)) / 86_400_000);
}

/**
 * Whether an indicator's turn-the-curve note is up to date with its figures. Judged on the
 * gemeente-wide notes of the period type the indicator is steered on (year when it has it):
 * - `no_data`: no published value yet — nothing to write about, so never stale;
 * - `missing`: there are figures but no note for any period;
 * - `outdated`: the newest note is about an earlier period than the latest period with a
 *   published value ("the note is older than the latest data");
 * - `current`: there is a note for the latest period with a published value.
 * Periods are compared as keys of one period type (2024 < 2025, 2024-Q4 < 2025-Q1).
 */
export type NoteState = 'no_data' | 'missing' | 'outdated' | 'current';
export function noteState(latestDataPeriod: string | null, notePeriods: readonly string[]): NoteState {
  if (latestDataPeriod === null) return 'no_data';
  if (notePeriods.length === 0) return 'missing';
  const newest = [...notePeriods].sort().at(-1)!;
  return newest >= latestDataPeriod ? 'current' : 'outdated';
}
export const isStale = (s: NoteState) => s === 'missing' || s === 'outdated';

/** One changed field in a history entry, with the Dutch label of the field. */
export interface FieldChange { field: string; label: string; before: string | null; after: string | null }

/**
 * What changed between two snapshots, field by field in the order of `labels` (only the fields
 * named there). Values are shown as text; arrays (links) as a sorted, comma-separated list.
 * A created object has before = null, a deleted one after = null.
 */
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null, labels: Record<string, string>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, label] of Object.entries(labels)) {
    const b = before ? asText(before[field]) : null;
    const a = after ? asText(after[field]) : null;
    if (b === a) continue;
    out.push({ field, label, before: b, after: a });
  }
  return out;
}

function asText(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.length === 0 ? null : v.map((x) => asText(x) ?? '').sort().join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
