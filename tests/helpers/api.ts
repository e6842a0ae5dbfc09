import { expect } from 'vitest';

/** A session for API tests through app.request: the cookie and the CSRF token of a logged-in user. */
export interface ApiUser { cookie: string; csrf: string }

/** Logs in through POST /api/auth/login (as the browser does, with an Origin header) and expects success. */
export async function apiLogin(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }, username: string, password: string, origin = 'http://localhost'): Promise<ApiUser> {
  const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  const body = await res.json() as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
}
