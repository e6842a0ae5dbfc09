import { describe, expect, it } from 'vitest';
import { Pseudonymizer } from '../../src/privacy/index.js';

describe('client-number pseudonyms', () => {
  const key = Buffer.alloc(32, 7);
  it('are stable, per gemeente, ignore case and spaces, and never equal a BSN pseudonym', () => {
    const p = new Pseudonymizer(key);
    const c = p.client('0363', 'K-000123');
    expect(c).toMatch(/^[0-9a-f]{64}$/);
    expect(p.client('0363', ' k-000123 ')).toBe(c);
    expect(p.client('0599', 'K-000123')).not.toBe(c);
    expect(new Pseudonymizer(Buffer.alloc(32, 8)).client('0363', 'K-000123')).not.toBe(c);
    expect(p.client('0363', '999900006')).not.toBe(p.person('0363', '999900006'));
    expect(c).not.toContain('000123');
  });
  it('refuse an empty number', () => {
    expect(() => new Pseudonymizer(key).client('0363', '  ')).toThrow();
  });
});
