/**
 * One canonical address key, so a household is the same whether the address came from an
 * iStandaarden message (Huisnummer, Huisletter, HuisnummerToevoeging apart) or from a tabular
 * export with one house-number text ("12", "12a", "12 A", "12-2", "12 bis"). The key is only
 * ever stored as a keyed pseudonym (Pseudonymizer.household).
 */
export function addressKey(postcode: string, huisnummer: string | number | null | undefined, huisletter?: string | null, toevoeging?: string | null): string {
  const pc = postcode.replace(/\s+/g, '').toUpperCase();
  let number = '';
  let letter = (huisletter ?? '').trim().toUpperCase();
  let extra = (toevoeging ?? '').trim().toUpperCase();
  const raw = huisnummer === null || huisnummer === undefined ? '' : String(huisnummer).trim();
  const m = /^(\d+)\s*([A-Za-z])?(?:\s*[-/\s]\s*|\s*)?(.*)$/.exec(raw);
  if (m) {
    number = String(Number(m[1]));
    if (m[2] && !letter && !(m[3] ?? '').length) letter = m[2].toUpperCase();
    else if (m[2] && !letter) { letter = m[2].toUpperCase(); }
    if (m[3] && !extra) extra = m[3].trim().toUpperCase();
  } else number = raw.toUpperCase();
  // "12 bis": a word after the number is a toevoeging, not a letter.
  if (letter && extra && /^[A-Z]$/.test(letter) && raw && new RegExp(`^\\d+\\s*${letter}[A-Z]`, 'i').test(raw.replace(/\s+/g, ''))) { extra = `${letter}${extra}`; letter = ''; }
  return `${pc}|${number}|${letter}|${extra.replace(/^[-/\s]+/, '')}`;
}
