/**
 * BSN (burgerservicenummer) rules. A BSN is 9 digits and passes the elfproef:
 * 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 must be divisible by 11 (and not 0).
 * These functions never log or echo the number they are given.
 */
export function isValidBsn(bsn: string): boolean {
  if (!/^\d{9}$/.test(bsn)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(bsn[i]);
  sum -= Number(bsn[8]);
  return sum !== 0 && sum % 11 === 0;
}

/**
 * Completes 8 leading digits into a valid BSN, or returns null when no check digit fits
 * (the check digit would have to be 10). Used by the demo generator and tests.
 */
export function completeBsn(first8: string): string | null {
  if (!/^\d{8}$/.test(first8)) throw new Error('completeBsn needs exactly 8 digits');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(first8[i]);
  const check = sum % 11;
  if (check === 10) return null;
  const candidate = first8 + String(check);
  return isValidBsn(candidate) ? candidate : null;
}
