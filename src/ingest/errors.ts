/**
 * A rejected input. `location` names the element path or line; `reason` says what is wrong in
 * plain Dutch. Never put a BSN or other personal data in either.
 */
export class InputError extends Error {
  override name = 'InputError';
  constructor(public readonly reason: string, public readonly location: string | null = null) {
    super(location ? `${location}: ${reason}` : reason);
  }
}
