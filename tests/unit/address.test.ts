import { describe, expect, it } from 'vitest';
import { addressKey } from '../../src/model/address.js';

describe('address key (households across sources)', () => {
  it('a message address and the same address as one house-number text give one key', () => {
    expect(addressKey('9001AB', 12, null, null)).toBe(addressKey('9001 ab', '12'));
    expect(addressKey('9001AB', 12, 'a', null)).toBe(addressKey('9001AB', '12a'));
    expect(addressKey('9001AB', 12, 'A', null)).toBe(addressKey('9001AB', '12 A'));
    expect(addressKey('9001AB', 12, null, '2')).toBe(addressKey('9001AB', '12-2'));
    expect(addressKey('9001AB', 12, null, 'BIS')).toBe(addressKey('9001AB', '12 bis'));
    expect(addressKey('9001AB', 12, null, null)).toBe(addressKey('9001AB', '012'));
  });
  it('different apartments stay different households', () => {
    expect(addressKey('9001AB', '12a')).not.toBe(addressKey('9001AB', '12b'));
    expect(addressKey('9001AB', '12-1')).not.toBe(addressKey('9001AB', '12-2'));
    expect(addressKey('9001AB', '12')).not.toBe(addressKey('9001AB', '13'));
    expect(addressKey('9001AB', '12')).not.toBe(addressKey('9001AC', '12'));
  });
});
