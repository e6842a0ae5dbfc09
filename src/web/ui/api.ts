import type { ResultRow } from '../../indicators/results.js';
// Typed client for the Koers HTTP API (same origin, session in a cookie).
// Every non-GET request carries the CSRF token from the last session/login answer.

export type Polarity = 'context' | 'up' | 'down';
export type PeriodType = 'year' | 'quarter' | 'month' | 'halfyear';
export type DataStatus = 'provisional' | 'final';

export interface Gemeente {
  code: string;
  name: string;
}

export interface User {
  username: string;
  displayName: string;
  role: string;
  /** Dutch name of the role, when the server sends it. */
  roleLabel?: string;
  gemeente: Gemeente;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export type DemoHint =
  | { demo: true; username: string; password: string; text?: string }
  | { demo: false };

export interface IndicatorDefinition {
  numerator: string;
  denominator: string;
  factor: number;
}

export interface Indicator {
  id: string;
  version: number;
  name: string;
  description: string;
  definition: IndicatorDefinition;
  unit: string;
  polarity: Polarity;
  source: string;
  periodTypes: PeriodType[];
  breakdowns: string[];
  /** Optional extras the Koers server sends: the catalogue group and the period rule in words. */
  group?: string;
  periodBoundary?: string;
  /** Good range of a context indicator (e.g. 90–100 %). */
  band?: [number, number];
  /** Days after a period during which later data can still change its value. */
  followUpDays?: number;
  /** Version history; a new version marks a trend break. */
  changes?: Array<{ version: number; date: string; text: string }>;
}

/** Whether an indicator has data: no_data means "geen gegevens", with the sources that would feed it. */
export interface IndicatorState {
  status: 'ok' | 'no_data' | 'not_computed';
  missing: string[];
  dataUntil: string | null;
  computedAt: string | null;
}

/** The parts of an indicator the monitor overview and wijk profile send. */
export interface IndicatorSummary {
  id: string;
  version: number;
  name: string;
  unit: string;
  polarity: Polarity;
  band: [number, number] | null;
  group: string;
  source: string;
  periodTypes: PeriodType[];
  breakdowns: string[];
  followUpDays: number | null;
}

export interface MonitorPoint {
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: DataStatus;
  suppressed: boolean;
}

export interface SparkPoint {
  period: string;
  value: number | null;
  status: DataStatus;
}

export type Direction = 'better' | 'worse' | 'same' | 'neutral';

export interface TargetRef {
  year: number;
  area: string | null;
  areaName: string | null;
  target: number | null;
  baseline: number | null;
  note: string | null;
}

export interface IndicatorTarget extends TargetRef {
  setBy: string;
  setAt: string;
}

export interface OverviewItem {
  indicator: IndicatorSummary;
  periodType: PeriodType;
  state: IndicatorState;
  latest: MonitorPoint | null;
  previous: MonitorPoint | null;
  sparkline: SparkPoint[];
  change: 'up' | 'down' | 'same' | null;
  direction: Direction | null;
  target: TargetRef | null;
  targetMet: boolean | null;
  computedAt: string | null;
}

export interface Overview {
  periodType: PeriodType;
  suppressionProfile: string;
  mayEditTargets: boolean;
  indicators: OverviewItem[];
}

export interface WijkProfileItem {
  indicator: IndicatorSummary;
  state: IndicatorState;
  period: string | null;
  wijk: MonitorPoint | null;
  gemeente: MonitorPoint | null;
  comparison: { change: 'higher' | 'lower' | 'same'; direction: Direction } | null;
  trend: SparkPoint[];
  target: TargetRef | null;
}

export interface WijkProfile {
  wijk: { code: string; name: string };
  gemeente: { code: string; name: string };
  periodType: PeriodType;
  period: string | null;
  periods: string[];
  suppressionProfile: string;
  indicators: WijkProfileItem[];
}

export interface TargetInput {
  year: number;
  area: string | null;
  target: number | null;
  baseline: number | null;
  note: string | null;
}

/** One computed value as the API returns it (the server's own type, src/indicators/results.ts). */
export type IndicatorValue = Omit<ResultRow, 'periodType' | 'status'> & { periodType: PeriodType; status: DataStatus };

export interface IndicatorValues {
  indicator: Indicator;
  suppressionProfile: string;
  state?: IndicatorState;
  rows: IndicatorValue[];
  /** "If we do nothing": linear trend of the published gemeente values (null with fewer than 3). */
  forecast?: { level: number; method: string; points: { period: string; value: number; lower: number; upper: number }[] } | null;
}

export interface AreaFeatureProperties {
  code: string;
  name: string;
}

export interface AreaFeature {
  type: 'Feature';
  properties: AreaFeatureProperties;
  geometry: unknown;
}

export interface AreaCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
}

/** An error answered by the API (or a network failure), with a Dutch message for the user. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

let csrfToken: string | null = null;
let unauthenticatedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an authenticated request answers 401, e.g. when the session expired. */
export function onUnauthenticated(handler: (() => void) | null): void {
  unauthenticatedHandler = handler;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Do not report a 401 to the unauthenticated handler (session probe, login). */
  expectUnauthenticated?: boolean;
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'U bent niet (meer) ingelogd. Log opnieuw in.';
  if (status === 403) return 'U heeft geen toegang tot deze gegevens.';
  if (status === 404) return 'Deze gegevens bestaan niet (meer).';
  if (status === 429) return 'Te veel pogingen. Wacht even en probeer het opnieuw.';
  if (status >= 500) return 'Er ging iets mis op de server. Probeer het later opnieuw.';
  return 'Er ging iets mis. Probeer het opnieuw.';
}

async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', 'De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.');
  }

  if (response.status === 204) return undefined as T;

  let payload: unknown = null;
  const text = await response.text();
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }

  if (!response.ok) {
    const error = (payload as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
    const message = typeof error?.message === 'string' && error.message ? error.message : fallbackMessage(response.status);
    if (response.status === 401 && !options.expectUnauthenticated) unauthenticatedHandler?.();
    throw new ApiError(response.status, code, message);
  }
  if (payload === null) {
    throw new ApiError(response.status, 'invalid_response', 'De server gaf een onverwacht antwoord. Probeer het opnieuw.');
  }
  return payload as T;
}

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const api = {
  demoHint(signal?: AbortSignal): Promise<DemoHint> {
    return request<DemoHint>('/api/auth/demo-hint', { signal, expectUnauthenticated: true });
  },

  /** The current session, or null when nobody is logged in. */
  async session(signal?: AbortSignal): Promise<Session | null> {
    try {
      const session = await request<Session>('/api/auth/session', { signal, expectUnauthenticated: true });
      setCsrfToken(session.csrfToken);
      return session;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw error;
    }
  },

  async login(username: string, password: string): Promise<Session> {
    const session = await request<Session>('/api/auth/login', {
      method: 'POST',
      body: { username, password },
      expectUnauthenticated: true,
    });
    setCsrfToken(session.csrfToken);
    return session;
  },

  async logout(): Promise<void> {
    try {
      await request<void>('/api/auth/logout', { method: 'POST', expectUnauthenticated: true });
    } finally {
      setCsrfToken(null);
    }
  },

  indicators(signal?: AbortSignal): Promise<{ indicators: Indicator[] }> {
    return request<{ indicators: Indicator[] }>('/api/indicators', { signal });
  },

  indicatorValues(
    id: string,
    params: { periodType: PeriodType; by?: string; period?: string },
    signal?: AbortSignal,
  ): Promise<IndicatorValues> {
    return request<IndicatorValues>(
      `/api/indicators/${encodeURIComponent(id)}/values${query({ periodType: params.periodType, by: params.by, period: params.period })}`,
      { signal },
    );
  },

  /** The whole monitor overview in one request. */
  overview(periodType: PeriodType, signal?: AbortSignal): Promise<Overview> {
    return request<Overview>(`/api/monitor/overview${query({ periodType })}`, { signal });
  },

  targets(id: string, signal?: AbortSignal): Promise<{ indicator: string; targets: IndicatorTarget[]; mayEdit: boolean }> {
    return request(`/api/indicators/${encodeURIComponent(id)}/targets`, { signal });
  },

  saveTargets(id: string, targets: TargetInput[]): Promise<{ indicator: string; targets: IndicatorTarget[]; mayEdit: boolean }> {
    return request(`/api/indicators/${encodeURIComponent(id)}/targets`, { method: 'PUT', body: { targets } });
  },

  wijkProfile(code: string, params: { periodType: PeriodType; period?: string }, signal?: AbortSignal): Promise<WijkProfile> {
    return request<WijkProfile>(`/api/wijken/${encodeURIComponent(code)}/profile${query({ periodType: params.periodType, period: params.period })}`, { signal });
  },

  /** Download link for exactly the rows of a values request (CSV for Dutch Excel, or XLSX). */
  exportUrl(id: string, format: 'csv' | 'xlsx', params: { periodType: PeriodType; by?: string; period?: string }): string {
    return `/api/indicators/${encodeURIComponent(id)}/export${query({ format, periodType: params.periodType, by: params.by, period: params.period })}`;
  },

  areas(level: 'wijk', signal?: AbortSignal): Promise<AreaCollection> {
    return request<AreaCollection>(`/api/areas${query({ level })}`, { signal });
  },
};

/** For clients the JSON helper does not cover (uploads with progress, multipart): the same token, errors and 401 handling. */
export const transport = {
  request,
  csrfToken: (): string | null => csrfToken,
  unauthenticated: (): void => unauthenticatedHandler?.(),
  fallbackMessage,
};

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Er ging iets mis. Probeer het opnieuw.';
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The typed request helper, for pages that call endpoints not wrapped above. */
export { request as apiRequest };
