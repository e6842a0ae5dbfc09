// API calls for the beleidskader (issue 5). Same transport as api.ts (session cookie, CSRF token on
// state-changing calls, Dutch error messages from the server).
import { apiRequest, type IndicatorTarget, type Polarity } from '../../api.js';

export type VersionStatus = 'concept' | 'vastgesteld' | 'vervallen';
export type NodeKind = 'theme' | 'effect' | 'doel' | 'programma';
export type MeasureKind = 'population' | 'how_much' | 'how_well' | 'better_off';
export type Status = 'op_koers' | 'aandacht' | 'niet_op_koers' | 'geen_gegevens' | 'geen_doel' | 'context' | 'leeg';

export interface FrameworkVersion {
  version: number; status: VersionStatus; title: string; adoptedOn: string | null; decisionRef: string | null;
  inForceFrom: string | null; inForceTo: string | null; templateId: string | null; updatedBy: string; updatedAt: string;
}
export interface Framework { frameworkId: string; createdBy: string; createdAt: string; versions: FrameworkVersion[]; mayEdit?: boolean }
export interface FrameworkNode {
  nodeId: string; parentId: string | null; kind: NodeKind; title: string; description: string; position: number;
  indicators: { indicatorId: string; measureKind: MeasureKind; attentionMargin: number | null; position: number }[];
  budget: string[];
}
export interface VersionDetail extends FrameworkVersion { frameworkId: string; vision: string; mission: string; principles: string[]; nodes: FrameworkNode[]; mayEdit: boolean }
export interface Options {
  templates: { id: string; title: string; summary: string; themes: string[]; indicators: number }[];
  indicators: { id: string; name: string; unit: string; polarity: Polarity; group: string; own: boolean }[];
  taakvelden: string[];
  mayEdit: boolean;
}
export interface IndicatorStatus {
  indicatorId: string; name: string; unit: string; polarity: Polarity; measureKind: MeasureKind; attentionMargin: number | null;
  period: string | null; value: number | null; suppressed: boolean; dataStatus: 'provisional' | 'final' | null;
  target: number | null; baseline: number | null; status: Status; label: string; explanation: string;
}
export interface NodeStatus {
  nodeId: string; parentId: string | null; kind: NodeKind; title: string; description: string; depth: number;
  status: Status; label: string; explanation: string;
  indicators: IndicatorStatus[];
  budget: { taakveld: string; begroting: number | null; realisatie: number | null; verplichting: number | null }[];
  actions: { actionId: string; title: string; owner: string; status: string; dueDate: string | null }[];
}
export interface StatusView {
  framework: Omit<VersionDetail, 'nodes' | 'mayEdit'>;
  year: number | null; area: { code: string; name: string } | null; suppressionProfile: 'none' | 'default';
  status: Status; label: string; explanation: string; nodes: NodeStatus[]; mayEdit: boolean;
}
export interface HistoryEntry { entity: string; entityId: string; change: string; changedBy: string; changedAt: string; before: unknown; after: unknown }

const base = (id: string) => `/api/frameworks/${encodeURIComponent(id)}`;
const ver = (id: string, v: number) => `${base(id)}/versions/${v}`;
const nodeUrl = (id: string, v: number, node: string) => `${ver(id, v)}/nodes/${encodeURIComponent(node)}`;

export const frameworkApi = {
  list: (signal?: AbortSignal) => apiRequest<{ frameworks: Framework[]; mayEdit: boolean }>('/api/frameworks', { signal }),
  options: (signal?: AbortSignal) => apiRequest<Options>('/api/frameworks/templates', { signal }),
  create: (body: { title?: string; templateId?: string | null }) => apiRequest<{ frameworkId: string; version: number }>('/api/frameworks', { method: 'POST', body }),
  get: (id: string, signal?: AbortSignal) => apiRequest<Framework>(base(id), { signal }),
  version: (id: string, v: number, signal?: AbortSignal) => apiRequest<VersionDetail>(ver(id, v), { signal }),
  updateTexts: (id: string, v: number, body: { title?: string; vision?: string; mission?: string; principles?: string[] }) => apiRequest<VersionDetail>(ver(id, v), { method: 'PUT', body }),
  discard: (id: string, v: number) => apiRequest<{ frameworkRemoved: boolean }>(ver(id, v), { method: 'DELETE' }),
  addNode: (id: string, v: number, body: { parentId: string | null; kind: NodeKind; title: string; description?: string }) => apiRequest<{ nodeId: string }>(`${ver(id, v)}/nodes`, { method: 'POST', body }),
  updateNode: (id: string, v: number, node: string, body: { title?: string; description?: string; parentId?: string | null; position?: number }) => apiRequest<{ ok: true }>(nodeUrl(id, v, node), { method: 'PUT', body }),
  removeNode: (id: string, v: number, node: string) => apiRequest<{ removed: number }>(nodeUrl(id, v, node), { method: 'DELETE' }),
  setIndicators: (id: string, v: number, node: string, indicators: { indicatorId: string; measureKind: MeasureKind; attentionMargin: number | null }[]) =>
    apiRequest<{ ok: true }>(`${nodeUrl(id, v, node)}/indicators`, { method: 'PUT', body: { indicators } }),
  setBudget: (id: string, v: number, node: string, taakvelden: string[]) => apiRequest<{ ok: true }>(`${nodeUrl(id, v, node)}/budget`, { method: 'PUT', body: { taakvelden } }),
  adopt: (id: string, v: number, body: { adoptedOn: string; decisionRef: string | null; inForceFrom: string | null }) => apiRequest<Framework>(`${ver(id, v)}/adopt`, { method: 'POST', body }),
  withdraw: (id: string, v: number, on: string | null) => apiRequest<Framework>(`${ver(id, v)}/withdraw`, { method: 'POST', body: { on } }),
  newVersion: (id: string) => apiRequest<{ version: number }>(`${base(id)}/new-version`, { method: 'POST' }),
  status: (id: string, params: { version?: number; year?: number; area?: string }, signal?: AbortSignal) => {
    const q = new URLSearchParams();
    if (params.version) q.set('version', String(params.version));
    if (params.year) q.set('year', String(params.year));
    if (params.area) q.set('area', params.area);
    const s = q.toString();
    return apiRequest<StatusView>(`${base(id)}/status${s ? `?${s}` : ''}`, { signal });
  },
  history: (id: string, signal?: AbortSignal) => apiRequest<{ history: HistoryEntry[] }>(`${base(id)}/history`, { signal }),
  // Targets live with the monitor (indicator_target); the editor reuses that API.
  targets: (indicatorId: string, signal?: AbortSignal) => apiRequest<{ targets: IndicatorTarget[]; mayEdit: boolean }>(`/api/indicators/${encodeURIComponent(indicatorId)}/targets`, { signal }),
  saveTargets: (indicatorId: string, targets: { year: number; area: string | null; target: number | null; baseline: number | null; note: string | null }[]) =>
    apiRequest<{ targets: IndicatorTarget[] }>(`/api/indicators/${encodeURIComponent(indicatorId)}/targets`, { method: 'PUT', body: { targets } }),
};

export const KIND_LABEL: Record<NodeKind, string> = { theme: 'Thema', effect: 'Maatschappelijk effect', doel: 'Doel', programma: 'Programma' };
/** Which kinds a node may sit under (as the server checks): a theme only at the top. */
export const PARENT_KINDS: Record<NodeKind, NodeKind[]> = { theme: [], effect: ['theme'], doel: ['effect', 'theme'], programma: ['doel', 'effect'] };
export const CHILD_KINDS: Record<NodeKind | 'root', NodeKind[]> = { root: ['theme'], theme: ['effect', 'doel'], effect: ['doel', 'programma'], doel: ['programma'], programma: [] };
export const MEASURE_LABEL: Record<MeasureKind, string> = { population: 'Bereik (hele bevolking)', how_much: 'Hoeveel doen we?', how_well: 'Hoe goed doen we het?', better_off: 'Is iemand er beter van?' };
export const VERSION_STATUS_LABEL: Record<VersionStatus, string> = { concept: 'Concept', vastgesteld: 'Vastgesteld', vervallen: 'Vervallen' };
