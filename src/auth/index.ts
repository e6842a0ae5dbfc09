export { ROLES, ROLE_LABELS, isRole, seesUnsuppressed, mayReadPersonLevel, mayImport, mayEditSteering, mayReadConceptFrameworks, type Role, type Scope } from './roles.js';
export { audit, type AuditEntry } from './audit.js';
export { addUser, login, logout, sessionFromToken, hashPassword, AuthError, SESSION_HOURS, type SessionInfo, type NewUser } from './accounts.js';
