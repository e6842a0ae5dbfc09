/** The one error type the API maps to a response; `code` is the stable client contract. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(public readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500, public readonly code: string, message: string) { super(message); }
}
export const unauthenticated = () => new ApiError(401, 'unauthenticated', 'Je bent niet (meer) ingelogd. Log opnieuw in.');
export const forbidden = (what = 'Dit mag je met jouw rol niet doen.') => new ApiError(403, 'forbidden', what);
export const notFound = (what = 'Niet gevonden.') => new ApiError(404, 'not_found', what);
export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);
