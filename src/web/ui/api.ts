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
}

/** One computed value as the API returns it (the server's own type, src/indicators/results.ts). */
export type IndicatorValue = Omit<ResultRow, 'periodType' | 'status'> & { periodType: PeriodType; status: DataStatus };

export interface IndicatorValues {
  indicator: Indicator;
  suppressionProfile: string;
  rows: IndicatorValue[];
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
