/** Roles (one per account) and what they may do. Policies are small functions shared by API and CLI. */
export const ROLES = ['beheerder', 'beleid', 'analist', 'controller', 'contractmanager', 'regisseur', 'aanbieder', 'raad'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  beheerder: 'Beheerder',
  beleid: 'Beleidsadviseur',
  analist: 'Analist',
  controller: 'Controller',
  contractmanager: 'Contractmanager',
  regisseur: 'Regisseur wijkteam',
  aanbieder: 'Aanbieder',
  raad: 'Raadslid',
};

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** Who is asking: every data-layer call takes one, and every query is limited to its gemeente. */
export interface Scope {
  userId: string;
  username: string;
  role: Role;
  gemeenteCode: string;
}

/** Only analysts see unsuppressed figures; everyone else gets disclosure control. */
export const seesUnsuppressed = (s: Scope) => s.role === 'analist';
/** Person-level (pseudonymous) data: analysts only, always audited. */
export const mayReadPersonLevel = (s: Scope) => s.role === 'analist';
/** Importing data and managing accounts. */
export const mayImport = (s: Scope) => s.role === 'beheerder' || s.role === 'analist';
/** Beleidskader, targets, turn-the-curve notes and actions (issue 5): written by beleid (and beheerder). */
export const mayEditSteering = (s: Scope) => s.role === 'beleid' || s.role === 'beheerder';
/** The raad (and aanbieder) read only adopted frameworks; concepts are work in progress of the organisation. */
export const mayReadConceptFrameworks = (s: Scope) => s.role !== 'raad' && s.role !== 'aanbieder';
