// Client for turn the curve, notes, actions and scores (src/web/server/routes/steering-curve.ts).
// Response types come from the server's own modules, so client and server cannot drift apart.
import { apiRequest, type PeriodType } from '../../api.js';
import type { Action, ActionInput, CurveView as ServerCurveView, FrameworkChoice, FrameworkScores, GoalChoice, HistoryItem, Note, NoteKey, NoteText, StaleNote } from '../../../../steering/curve/index.js';

export type { Action, ActionInput, FrameworkChoice, FrameworkScores, GoalChoice, HistoryItem, Note, StaleNote };
export type ActionStatus = Action['status'];

/** The server's turn-the-curve view, plus whether the caller may write the note. */
export type CurveView = ServerCurveView & { mayEdit: boolean };

/** What PUT /notes takes: the key without the indicator (in the path), the six fields, the version edited. */
export type NoteInput = Omit<NoteKey, 'indicatorId'> & NoteText & { expectedWrittenAt: string | null };

const q = (params: Record<string, string | null | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) s.set(k, v);
  const t = s.toString();
  return t ? `?${t}` : '';
};
const enc = encodeURIComponent;

export const curveApi = {
  curve(id: string, p: { periodType: PeriodType; period?: string | null; area?: string | null }, signal?: AbortSignal) {
    return apiRequest<CurveView>(`/api/indicators/${enc(id)}/curve${q({ periodType: p.periodType, period: p.period, area: p.area })}`, { signal });
  },
  notes(id: string, p: { periodType?: PeriodType; period?: string; area?: string | null }, signal?: AbortSignal) {
    return apiRequest<{ notes: Note[]; mayEdit: boolean }>(`/api/indicators/${enc(id)}/notes${q({ periodType: p.periodType, period: p.period, area: p.area })}`, { signal });
  },
  saveNote(id: string, body: NoteInput) {
    return apiRequest<{ note: Note; change: 'created' | 'changed' | 'unchanged' }>(`/api/indicators/${enc(id)}/notes`, { method: 'PUT', body });
  },
  noteHistory(id: string, p: { periodType: PeriodType; period: string; area?: string | null }, signal?: AbortSignal) {
    return apiRequest<{ history: HistoryItem[] }>(`/api/indicators/${enc(id)}/notes/history${q({ periodType: p.periodType, period: p.period, area: p.area })}`, { signal });
  },
  actions(f: { status?: string; owner?: string; indicator?: string; framework?: string; node?: string; overdue?: boolean }, signal?: AbortSignal) {
    return apiRequest<{ today: string; actions: Action[]; owners: string[]; mayEdit: boolean }>(
      `/api/actions${q({ status: f.status, owner: f.owner, indicator: f.indicator, framework: f.framework, node: f.node, overdue: f.overdue ? 'true' : undefined })}`, { signal });
  },
  action(id: string, signal?: AbortSignal) {
    return apiRequest<{ action: Action; mayEdit: boolean }>(`/api/actions/${enc(id)}`, { signal });
  },
  createAction(body: ActionInput) {
    return apiRequest<{ action: Action }>('/api/actions', { method: 'POST', body });
  },
  updateAction(id: string, body: Partial<ActionInput> & { expectedUpdatedAt?: string }) {
    return apiRequest<{ action: Action; change: 'changed' | 'unchanged' }>(`/api/actions/${enc(id)}`, { method: 'PATCH', body });
  },
  actionHistory(id: string, signal?: AbortSignal) {
    return apiRequest<{ history: HistoryItem[] }>(`/api/actions/${enc(id)}/history`, { signal });
  },
  frameworks(signal?: AbortSignal) {
    return apiRequest<{ frameworks: FrameworkChoice[] }>('/api/steering/frameworks', { signal });
  },
  scores(frameworkId: string, signal?: AbortSignal) {
    return apiRequest<{ framework: FrameworkChoice; scores: FrameworkScores; today: string; suppressionProfile: string }>(`/api/frameworks/${enc(frameworkId)}/scores`, { signal });
  },
  goals(signal?: AbortSignal) {
    return apiRequest<{ goals: GoalChoice[] }>('/api/steering/goals', { signal });
  },
  staleNotes(signal?: AbortSignal) {
    return apiRequest<{ today: string; adoptedFrameworks: number; stale: StaleNote[] }>('/api/steering/stale-notes', { signal });
  },
};

/** Dutch status names, the same the server writes into the history (steering/curve/rules.ts is pure). */
export { ACTION_STATUS_LABELS as STATUS_LABELS } from '../../../../steering/curve/rules.js';

/** A date as "31 maart 2026". */
export function formatDay(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(`${iso.slice(0, 10)}T12:00:00`);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
}

/** The turn-the-curve page of an indicator and period (and wijk). */
export function curvePath(id: string, p: { periodType?: string; period?: string | null; area?: string | null } = {}): string {
  return `/sturen/curve/${enc(id)}${q({ periodType: p.periodType && p.periodType !== 'year' ? p.periodType : undefined, periode: p.period, wijk: p.area })}`;
}
