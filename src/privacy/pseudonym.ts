import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isValidBsn } from './bsn.js';

/**
 * Keyed pseudonymisation of BSNs (domain.md §5): personId = HMAC-SHA-256(key_gemeente, BSN).
 * The master key lives in a file outside the database; each gemeente gets its own key derived
 * with HKDF, so pseudonyms cannot be linked across tenants or reversed by hashing all numbers.
 */
export class Pseudonymizer {
  private readonly keys = new Map<string, Buffer>();
  private readonly masterKey: Buffer | null;
  /**
   * From the master key, or from derived keys only (`{ derived: deriveKeys(…) }`, never the master
   * key): the latter is for a worker thread that pseudonymises messages of known gemeenten; any
   * other gemeente or purpose then throws.
   */
  constructor(key: Buffer | { derived: Record<string, Uint8Array> }) {
    if (Buffer.isBuffer(key)) {
      if (key.length < 32) throw new Error('pseudonymisation key must be at least 32 bytes');
      this.masterKey = key;
    } else {
      this.masterKey = null;
      for (const [id, k] of Object.entries(key.derived)) this.keys.set(id, Buffer.from(k));
    }
  }

  /** The derived keys of these gemeenten for these purposes (see the constructor). */
  deriveKeys(gemeenteCodes: Iterable<string>, purposes: readonly PseudonymPurpose[]): Record<string, Uint8Array> {
    const out: Record<string, Uint8Array> = {};
    for (const g of gemeenteCodes) for (const purpose of purposes) out[`${purpose}:${g}`] = new Uint8Array(this.keyFor(g, purpose));
    return out;
  }

  private keyFor(gemeenteCode: string, purpose: PseudonymPurpose): Buffer {
    const id = `${purpose}:${gemeenteCode}`;
    let key = this.keys.get(id);
    if (!key) {
      if (!this.masterKey) throw new Error(`no pseudonymisation key for ${id} in this thread`);
      key = Buffer.from(crypto.hkdfSync('sha256', this.masterKey, Buffer.alloc(0), `koers:${id}`, 32));
      this.keys.set(id, key);
    }
    return key;
  }

  /** Pseudonym of a BSN; throws InvalidBsnError (without the number) when it fails the elfproef. */
  person(gemeenteCode: string, bsn: string): string {
    if (!isValidBsn(bsn)) throw new InvalidBsnError();
    return crypto.createHmac('sha256', this.keyFor(gemeenteCode, 'person')).update(bsn).digest('hex');
  }

  /**
   * Pseudonym of the gemeente's own client number, for files that carry no BSN. A key of its own
   * (purpose 'client'), so it never equals a BSN pseudonym: such persons cannot be linked to
   * message data. Case and surrounding spaces of the number do not matter.
   */
  client(gemeenteCode: string, clientNumber: string): string {
    const normalised = clientNumber.trim().toUpperCase();
    if (!normalised) throw new Error('client number is empty');
    return crypto.createHmac('sha256', this.keyFor(gemeenteCode, 'client')).update(normalised).digest('hex');
  }

  /** Pseudonym of an address (postcode + house number + letter + addition): the household key. */
  household(gemeenteCode: string, address: string): string {
    const normalised = address.toUpperCase().replace(/\s+/g, '');
    return crypto.createHmac('sha256', this.keyFor(gemeenteCode, 'household')).update(normalised).digest('hex').slice(0, 32);
  }
}

export type PseudonymPurpose = 'person' | 'client' | 'household';

export class InvalidBsnError extends Error {
  override name = 'InvalidBsnError';
  constructor() {
    super('BSN is ongeldig (voldoet niet aan de elfproef)');
  }
}

/** Reads the key file, or creates it (32 random bytes, hex, mode 0600) when it does not exist. */
export function loadOrCreateKey(keyFile: string): Buffer {
  if (fs.existsSync(keyFile)) {
    const mode = fs.statSync(keyFile).mode & 0o777;
    if (mode & 0o077) throw new Error(`The key file ${keyFile} is readable by others (mode ${mode.toString(8)}); run: chmod 600 ${keyFile}`);
    const hex = fs.readFileSync(keyFile, 'utf8').trim();
    if (!/^[0-9a-f]{64,}$/i.test(hex)) throw new Error(`The key file ${keyFile} does not hold a hex key of at least 32 bytes`);
    return Buffer.from(hex, 'hex');
  }
  fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(keyFile, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
