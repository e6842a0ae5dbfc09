import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWerkdagen, calendarRows, feestdagen, isWerkdag } from '../../src/model/calendar.js';
import { addDays } from '../../src/model/dates.js';

describe('werkdagen calendar', () => {
  it('knows the feestdagen of 2024 and 2025 (Easter-based and fixed, Koningsdag on Saturday 26 April 2025)', () => {
    expect(feestdagen(2024)).toEqual(['2024-01-01', '2024-03-29', '2024-04-01', '2024-04-27', '2024-05-05', '2024-05-09', '2024-05-20', '2024-12-25', '2024-12-26']);
    expect(feestdagen(2025)).toContain('2025-04-26');
    expect(feestdagen(2025)).toContain('2025-04-18'); // Goede Vrijdag
    expect(feestdagen(2025)).toContain('2025-05-29'); // Hemelvaartsdag
  });
  it('counts 5 werkdagen over a weekend and Easter Monday', () => {
    expect(addWerkdagen('2024-03-28', 5)).toBe('2024-04-08'); // Thu; Fri 29 and Mon 1 April are feestdagen
    expect(addWerkdagen('2024-06-07', 0)).toBe('2024-06-07');
    expect(isWerkdag('2024-06-08')).toBe(false);
  });
  it('property: the calendar index difference equals the number of werkdagen added', () => {
    const rows = calendarRows('2020-01-01', '2027-12-31');
    const index = new Map(rows.map((r) => [r.day, r.index]));
    fc.assert(fc.property(fc.integer({ min: 0, max: 2400 }), fc.integer({ min: 0, max: 30 }), (offset, n) => {
      const d = addDays('2020-01-01', offset);
      const due = addWerkdagen(d, n);
      expect(index.get(due)! - index.get(d)!).toBe(n);
      expect(isWerkdag(due) || n === 0).toBe(true);
    }));
  });
});
