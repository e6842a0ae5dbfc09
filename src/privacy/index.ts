export { isValidBsn, completeBsn } from './bsn.js';
export { Pseudonymizer, InvalidBsnError, loadOrCreateKey } from './pseudonym.js';
