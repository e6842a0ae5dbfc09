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

/**
 * The reason a file is refused when an import is restricted to one gemeente (API tokens, web
 * uploads, `koers import --gemeente`) and the file says it is about another one.
 */
export function otherGemeenteReason(found: string, own: string): string {
  return `dit bestand is van gemeente ${found}; je mag alleen bestanden van je eigen gemeente (${own}) inlezen. Het bestand is niet geïmporteerd.`;
}
