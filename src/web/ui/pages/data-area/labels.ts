// Dutch words for the codes the import API returns.
import type { FileStatus } from '../../../server/routes/api-types.js';
import type { QuarantineStatus } from '../../data-api.js';

export const FILE_STATUS: Record<FileStatus, string> = {
  accepted: 'Ingelezen',
  rejected: 'Geweigerd',
  duplicate: 'Dubbel',
};

export const QUARANTINE_STATUS: Record<QuarantineStatus, string> = {
  open: 'Open',
  resolved: 'Opgelost',
  ignored: 'Genegeerd',
};

/** How an import was started. */
export function viaLabel(via: string): string {
  switch (via) {
    case 'web':
      return 'Upload in Koers';
    case 'api':
      return 'Automatische koppeling (API)';
    case 'cli':
      return 'Opdrachtregel';
    case 'demo':
      return 'Demo-gegevens';
    case 'test':
      return 'Test';
    default:
      return via;
  }
}

const SOURCE_LABELS: Record<string, string> = {
  istandaarden: 'iWmo/iJw-bericht',
  wijken: 'Wijkgrenzen',
  bevolking: 'Bevolking',
  postcodes: 'Postcodes',
  contracten: 'Contracten',
};

/** A source id in words; tabular sources use the label the server sends. */
export function sourceLabel(source: string | null | undefined, tabular: { id: string; label: string }[] = []): string {
  if (!source) return 'Onbekend';
  return tabular.find((s) => s.id === source)?.label ?? SOURCE_LABELS[source] ?? source;
}

/** Who did it: an account, or an API token ("token:naam"). */
export function whoLabel(username: string | null): string {
  if (!username) return 'Onbekend';
  if (username.startsWith('token:')) return `API-token "${username.slice(6)}"`;
  return username;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 bestanden ingelezen, 1 bestand geweigerd en 2 dubbel (al eerder ingelezen)." */
export function summarySentence(s: { accepted: number; rejected: number; duplicates: number }): string {
  const total = s.accepted + s.rejected + s.duplicates;
  if (total === 0) return 'Er zijn geen bestanden verwerkt.';
  const parts = [`${count(s.accepted, 'bestand', 'bestanden')} ingelezen`];
  if (s.rejected) parts.push(`${count(s.rejected, 'bestand', 'bestanden')} geweigerd`);
  if (s.duplicates) parts.push(`${count(s.duplicates, 'bestand', 'bestanden')} dubbel (al eerder ingelezen, er is niets veranderd)`);
  const last = parts.pop()!;
  return `${parts.length ? `${parts.join(', ')} en ${last}` : last}.`;
}
