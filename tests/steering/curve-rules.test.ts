import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysOverdue, diffFields, isOverdue, isStale, noteState, todayInNl, type ActionStatus } from '../../src/steering/curve/rules.js';
import { frameworkScores, scoreIndicator, type ScoreInput } from '../../src/steering/curve/scores.js';

const STATUSES: ActionStatus[] = ['gepland', 'bezig', 'afgerond', 'gestopt'];

describe('overdue actions', () => {
  it('overdue only after the due date, and only while gepland or bezig', () => {
    expect(isOverdue({ status: 'bezig', dueDate: '2026-03-31' }, '2026-03-31')).toBe(false); // due today: not yet
    expect(isOverdue({ status: 'bezig', dueDate: '2026-03-31' }, '2026-04-01')).toBe(true);
    expect(isOverdue({ status: 'gepland', dueDate: '2026-03-31' }, '2026-04-01')).toBe(true);
    expect(isOverdue({ status: 'afgerond', dueDate: '2026-03-31' }, '2026-04-01')).toBe(false);
    expect(isOverdue({ status: 'gestopt', dueDate: '2026-03-31' }, '2026-04-01')).toBe(false);
    expect(isOverdue({ status: 'bezig', dueDate: null }, '2099-01-01')).toBe(false);
    expect(daysOverdue({ status: 'bezig', dueDate: '2026-02-27' }, '2026-03-02')).toBe(3);
    expect(daysOverdue({ status: 'afgerond', dueDate: '2026-02-27' }, '2026-03-02')).toBe(0);
  });
  it('property: overdue ⇔ open, a due date, and today after it; days overdue positive exactly then', () => {
    const day = fc.integer({ min: 0, max: 20000 }).map((n) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(fc.property(fc.constantFrom(...STATUSES), fc.option(day), day, (status, dueDate, today) => {
      const o = isOverdue({ status, dueDate }, today);
      expect(o).toBe((status === 'gepland' || status === 'bezig') && dueDate !== null && dueDate < today);
      expect(daysOverdue({ status, dueDate }, today) > 0).toBe(o);
    }));
  });
  it('today is the Dutch calendar date', () => {
    expect(todayInNl(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01'); // 00:30 summer time
    expect(todayInNl(new Date('2026-01-15T22:30:00Z'))).toBe('2026-01-15'); // 23:30 winter time
  });
});

describe('stale notes', () => {
  it('no data: never stale; no note: missing; a note for an earlier period: outdated; for the latest: current', () => {
    expect(noteState(null, [])).toBe('no_data');
    expect(noteState(null, ['2024'])).toBe('no_data');
    expect(noteState('2025', [])).toBe('missing');
    expect(noteState('2025', ['2023', '2024'])).toBe('outdated');
    expect(noteState('2025', ['2025', '2023'])).toBe('current');
    expect(noteState('2025-Q1', ['2024-Q4'])).toBe('outdated');
    expect(isStale('missing') && isStale('outdated') && !isStale('current') && !isStale('no_data')).toBe(true);
  });
});

describe('readable diff', () => {
  it('lists changed fields in label order, empty text as null, lists sorted', () => {
    const labels = { story: 'Verhaal', helps: 'Wat helpt', links: 'Gekoppeld aan' };
    expect(diffFields({ story: 'a', helps: '', links: ['b', 'a'] }, { story: 'a', helps: 'x', links: ['a', 'b'] }, labels)).toEqual([{ field: 'helps', label: 'Wat helpt', before: null, after: 'x' }]);
    expect(diffFields(null, { story: 'a', helps: '' }, labels)).toEqual([{ field: 'story', label: 'Verhaal', before: null, after: 'a' }]);
    expect(diffFields({ story: 'a' }, null, labels)).toEqual([{ field: 'story', label: 'Verhaal', before: 'a', after: null }]);
  });
});

const input = (over: Partial<ScoreInput>): ScoreInput => ({ indicatorId: 'x', name: 'X', polarity: 'up', unit: '%', periodType: 'year', values: [], notePeriods: [], targetYears: [], ...over });
const TODAY = '2026-06-15';

describe('scores per indicator', () => {
  it('current data: the latest published value is for a period that ended at most a year ago', () => {
    expect(scoreIndicator(input({ values: [{ period: '2025', value: 1 }] }), TODAY).currentData).toBe(true);
    expect(scoreIndicator(input({ values: [{ period: '2024', value: 1 }] }), TODAY).currentData).toBe(false);
    expect(scoreIndicator(input({ values: [{ period: '2024', value: 1 }, { period: '2025', value: null }] }), TODAY).currentData).toBe(false);
    expect(scoreIndicator(input({ periodType: 'quarter', values: [{ period: '2025-Q2', value: 1 }] }), TODAY).currentData).toBe(true); // ends 2025-06-30
    expect(scoreIndicator(input({ periodType: 'quarter', values: [{ period: '2025-Q1', value: 1 }] }), TODAY).currentData).toBe(false); // ends 2025-03-31
  });
  it('forecast needs three published values; target is for the current year', () => {
    expect(scoreIndicator(input({ values: [{ period: '2023', value: 1 }, { period: '2024', value: null }, { period: '2025', value: 2 }] }), TODAY).forecast).toBe(false);
    expect(scoreIndicator(input({ values: [{ period: '2022', value: 1 }, { period: '2023', value: 1 }, { period: '2025', value: 2 }] }), TODAY).forecast).toBe(true);
    expect(scoreIndicator(input({ targetYears: [2025] }), TODAY).target).toBe(false);
    expect(scoreIndicator(input({ targetYears: [2025, 2026] }), TODAY).target).toBe(true);
  });
  it('direction: latest against the period before it, against the polarity; context and gaps not judged', () => {
    const v = [{ period: '2024', value: 10 }, { period: '2025', value: 12 }];
    expect(scoreIndicator(input({ polarity: 'up', values: v }), TODAY)).toMatchObject({ direction: 'better', notJudged: null });
    expect(scoreIndicator(input({ polarity: 'down', values: v }), TODAY)).toMatchObject({ direction: 'worse', notJudged: null });
    expect(scoreIndicator(input({ polarity: 'context', values: v }), TODAY)).toMatchObject({ direction: null, notJudged: 'no_direction' });
    expect(scoreIndicator(input({ polarity: 'up', values: [{ period: '2024', value: null }, { period: '2025', value: 12 }] }), TODAY)).toMatchObject({ direction: null, notJudged: 'too_few_values' });
    expect(scoreIndicator(input({ polarity: 'up', values: [{ period: '2024', value: 12.01 }, { period: '2025', value: 12.04 }] }), TODAY).direction).toBe('same');
  });
});

describe('framework scores', () => {
  it('hand-computed: components, total and performance', () => {
    const s = frameworkScores([
      input({ indicatorId: 'a', values: [{ period: '2023', value: 1 }, { period: '2024', value: 2 }, { period: '2025', value: 3 }], notePeriods: ['2025'], targetYears: [2026] }),
      input({ indicatorId: 'b', polarity: 'down', values: [{ period: '2024', value: 2 }, { period: '2025', value: 3 }] }),
      input({ indicatorId: 'a' }), // listed again under another goal: counts once
    ], TODAY);
    expect(s.indicators.map((i) => i.indicatorId)).toEqual(['a', 'b']);
    expect(s.engagement.currentData).toEqual({ count: 2, of: 2, share: 1 });
    expect(s.engagement.currentNote).toEqual({ count: 1, of: 2, share: 0.5 });
    expect(s.engagement.forecast).toEqual({ count: 1, of: 2, share: 0.5 });
    expect(s.engagement.target).toEqual({ count: 1, of: 2, share: 0.5 });
    expect(s.engagement.total).toBe(5 / 8);
    expect(s.performance).toEqual({ better: 1, judged: 2, noDirection: 0, tooFewValues: 0, share: 0.5 });
    expect(frameworkScores([], TODAY).engagement.total).toBeNull();
    expect(frameworkScores([], TODAY).performance.share).toBeNull();
  });

  const arbInput = fc.record({
    indicatorId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    polarity: fc.constantFrom('up' as const, 'down' as const, 'context' as const),
    values: fc.array(fc.record({ period: fc.integer({ min: 2018, max: 2026 }).map(String), value: fc.option(fc.double({ min: -100, max: 100, noNaN: true })) }), { maxLength: 8 })
      .map((vs) => [...new Map(vs.map((v) => [v.period, v])).values()]),
    notePeriods: fc.array(fc.integer({ min: 2018, max: 2026 }).map(String), { maxLength: 3 }),
    targetYears: fc.array(fc.integer({ min: 2024, max: 2027 }), { maxLength: 2 }),
  }).map((r) => input(r));

  it('property: shares lie in [0, 1], the total is the mean of the four components, and judged = better + worse + same', () => {
    fc.assert(fc.property(fc.array(arbInput, { maxLength: 10 }), (inputs) => {
      const s = frameworkScores(inputs, TODAY);
      const n = new Set(inputs.map((i) => i.indicatorId)).size;
      expect(s.indicators.length).toBe(n);
      const parts = [s.engagement.currentData, s.engagement.currentNote, s.engagement.forecast, s.engagement.target];
      for (const p of parts) {
        expect(p.of).toBe(n);
        if (n === 0) expect(p.share).toBeNull(); else expect(p.share!).toBeGreaterThanOrEqual(0), expect(p.share!).toBeLessThanOrEqual(1);
      }
      if (n > 0) expect(s.engagement.total!).toBeCloseTo(parts.reduce((a, p) => a + p.share!, 0) / 4, 12);
      const dirs = s.indicators.map((i) => i.direction);
      expect(s.performance.judged).toBe(dirs.filter((d) => d !== null).length);
      expect(s.performance.judged + s.performance.noDirection + s.performance.tooFewValues).toBe(n);
      if (s.performance.share !== null) expect(s.performance.share).toBe(s.performance.better / s.performance.judged);
      // A current note implies data; a context indicator is never judged.
      for (const i of s.indicators) {
        if (i.currentNote) expect(i.latestPeriod).not.toBeNull();
        if (i.polarity === 'context') expect(i.direction).toBeNull();
      }
    }));
  });

  it('property: flipping the polarity swaps better and worse', () => {
    fc.assert(fc.property(fc.array(arbInput, { maxLength: 8 }), (inputs) => {
      const directed = inputs.filter((i) => i.polarity !== 'context');
      const flipped = directed.map((i) => ({ ...i, polarity: i.polarity === 'up' ? 'down' as const : 'up' as const }));
      const a = frameworkScores(directed, TODAY).indicators, b = frameworkScores(flipped, TODAY).indicators;
      a.forEach((x, k) => {
        const y = b[k]!.direction;
        expect(y).toBe(x.direction === 'better' ? 'worse' : x.direction === 'worse' ? 'better' : x.direction);
      });
    }));
  });
});
