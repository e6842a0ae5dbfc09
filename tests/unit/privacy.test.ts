import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { completeBsn, isValidBsn, InvalidBsnError, loadOrCreateKey, Pseudonymizer } from '../../src/privacy/index.js';

describe('elfproef', () => {
  it('accepts known valid test numbers and rejects others', () => {
    expect(isValidBsn('999900006')).toBe(true); // from the iJw example messages
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidBsn('000000000')).toBe(false); // sum 0 is not allowed
    expect(isValidBsn('12345678')).toBe(false);
    expect(isValidBsn('12345678a')).toBe(false);
  });
  it('property: completing 8 digits gives a valid number, and changing one digit breaks it', () => {
    fc.assert(fc.property(fc.stringMatching(/^[1-9]\d{7}$/), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (first8, pos, delta) => {
      const bsn = completeBsn(first8);
      if (bsn === null) return;
      expect(isValidBsn(bsn)).toBe(true);
      const digits = bsn.split('');
      digits[pos] = String((Number(digits[pos]) + delta) % 10);
      expect(isValidBsn(digits.join(''))).toBe(false);
    }));
  });
});

describe('pseudonymisation', () => {
  const key = Buffer.alloc(32, 7);
  it('is deterministic per gemeente, differs between gemeenten, and never contains the BSN', () => {
    const p = new Pseudonymizer(key);
    const a = p.person('0363', '999900006');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(p.person('0363', '999900006')).toBe(a);
    expect(p.person('0599', '999900006')).not.toBe(a);
    expect(new Pseudonymizer(Buffer.alloc(32, 8)).person('0363', '999900006')).not.toBe(a);
    expect(a).not.toContain('999900006');
  });
  it('refuses an invalid BSN without echoing it', () => {
    const p = new Pseudonymizer(key);
    try { p.person('0363', '123456789'); expect.unreachable(); } catch (e) {
      expect(e).toBeInstanceOf(InvalidBsnError);
      expect((e as Error).message).not.toContain('123456789');
    }
  });
  it('creates the key file with 0600 rights and reads it back; refuses a world-readable one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-key-'));
    const file = path.join(dir, 'sub', 'pseudonym.key');
    const k1 = loadOrCreateKey(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKey(file).equals(k1)).toBe(true);
    fs.chmodSync(file, 0o644);
    expect(() => loadOrCreateKey(file)).toThrow(/readable by others/);
    fs.rmSync(dir, { recursive: true });
  });
});
