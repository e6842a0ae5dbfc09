import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTrajectories, type DeliveryFact, type ToewijzingFact } from '../../src/model/trajectories.js';

const T = (o: Partial<ToewijzingFact> & { toewijzingNummer: string }): ToewijzingFact => ({
  law: 'wmo', agbCode: '99000001', categoryCode: '02', productCode: '02A01', toewijzingsdatum: '2024-01-01', toewijzingstijd: '10:00:00',
  ingangsdatum: '2024-01-01', einddatum: '2024-12-31', redenWijziging: null, dagtekening: '2024-01-01', messageKey: `t-${o.toewijzingNummer}-${o.toewijzingsdatum ?? ''}`, ...o,
});
const S = (nr: string, begindatum: string, o: Partial<DeliveryFact> = {}): DeliveryFact => ({
  kind: 'start', law: 'wmo', toewijzingNummer: nr, agbCode: '99000001', categoryCode: '02', begindatum, einddatum: null, redenBeeindiging: null,
  statusAanlevering: '1', dagtekening: begindatum, messageKey: `s-${nr}-${begindatum}-${o.dagtekening ?? ''}`, ...o,
});
const E = (nr: string, begindatum: string, einddatum: string, reden: string, o: Partial<DeliveryFact> = {}): DeliveryFact => ({
  ...S(nr, begindatum), kind: 'stop', einddatum, redenBeeindiging: reden, dagtekening: einddatum, messageKey: `e-${nr}-${begindatum}-${einddatum}-${o.dagtekening ?? ''}`, ...o,
});
const AS_OF = '2026-01-01';

describe('trajectory builder', () => {
  it('a toewijzing with a start and a stop is one ended trajectory', () => {
    const { trajectories, notStarted } = buildTrajectories([T({ toewijzingNummer: '1' })], [S('1', '2024-01-10'), E('1', '2024-01-10', '2024-06-30', '19')], AS_OF);
    expect(trajectories).toEqual([{ law: 'wmo', categoryCode: '02', agbCode: '99000001', startDate: '2024-01-10', endDate: '2024-06-30', endReason: '19', endSource: '307', firstToewijzingsdatum: '2024-01-01', toewijzingNummers: ['1'] }]);
    expect(notStarted).toEqual([]);
  });

  it('no 305 means not started: no trajectory, but a not-started toewijzing', () => {
    const r = buildTrajectories([T({ toewijzingNummer: '1' })], [], AS_OF);
    expect(r.trajectories).toEqual([]);
    expect(r.notStarted.map((n) => n.toewijzingNummer)).toEqual(['1']);
  });

  it('RedenWijziging 13 (verwijderd) means the toewijzing never existed, even with a start', () => {
    const r = buildTrajectories([T({ toewijzingNummer: '1' }), T({ toewijzingNummer: '1', toewijzingsdatum: '2024-01-05', einddatum: '2024-01-01', redenWijziging: '13' })], [S('1', '2024-01-02')], AS_OF);
    expect(r.trajectories).toEqual([]);
    expect(r.notStarted).toEqual([]);
  });

  it('a temporary stop (reden 20) followed by a new start continues the trajectory across the gap', () => {
    const r = buildTrajectories([T({ toewijzingNummer: '1' })], [S('1', '2024-01-10'), E('1', '2024-01-10', '2024-03-01', '20'), S('1', '2024-04-15'), E('1', '2024-04-15', '2024-09-30', '19')], AS_OF);
    expect(r.trajectories).toHaveLength(1);
    expect(r.trajectories[0]).toMatchObject({ startDate: '2024-01-10', endDate: '2024-09-30', endReason: '19' });
  });

  it('a temporary stop with no new start ends when the toewijzing einddatum has passed', () => {
    const r = buildTrajectories([T({ toewijzingNummer: '1', einddatum: '2024-12-31' })], [S('1', '2024-01-10'), E('1', '2024-01-10', '2024-03-01', '20')], AS_OF);
    expect(r.trajectories[0]).toMatchObject({ endDate: '2024-12-31', endReason: null, endSource: 'toewijzing_einddatum' });
    const running = buildTrajectories([T({ toewijzingNummer: '1', einddatum: '2026-12-31' })], [S('1', '2024-01-10'), E('1', '2024-01-10', '2024-03-01', '20')], AS_OF);
    expect(running.trajectories[0]).toMatchObject({ endDate: null });
  });

  it('adjacent pieces (next start the day after the end) merge; a gap of a day or more does not', () => {
    const adjacent = buildTrajectories([T({ toewijzingNummer: '1' }), T({ toewijzingNummer: '2', toewijzingsdatum: '2024-07-01' })],
      [S('1', '2024-01-10'), E('1', '2024-01-10', '2024-06-30', '37'), S('2', '2024-07-01'), E('2', '2024-07-01', '2024-10-31', '19')], AS_OF);
    expect(adjacent.trajectories).toHaveLength(1);
    expect(adjacent.trajectories[0]).toMatchObject({ startDate: '2024-01-10', endDate: '2024-10-31', endReason: '19', toewijzingNummers: ['1', '2'] });
    const gapped = buildTrajectories([T({ toewijzingNummer: '1' }), T({ toewijzingNummer: '2' })],
      [S('1', '2024-01-10'), E('1', '2024-01-10', '2024-06-30', '19'), S('2', '2024-07-02'), E('2', '2024-07-02', '2024-10-31', '19')], AS_OF);
    expect(gapped.trajectories).toHaveLength(2);
  });

  it('different aanbieders or categories are different trajectories (an overstap is a new trajectory)', () => {
    const r = buildTrajectories([T({ toewijzingNummer: '1' }), T({ toewijzingNummer: '2', agbCode: '99000002' })],
      [S('1', '2024-01-10'), E('1', '2024-01-10', '2024-06-30', '38'), S('2', '2024-07-01', { agbCode: '99000002' })], AS_OF);
    expect(r.trajectories.map((t) => [t.agbCode, t.endReason])).toEqual([['99000001', '38'], ['99000002', null]]);
  });

  it('a start withdrawn with StatusAanlevering 3 disappears; a corrected stop (status 2) replaces the first', () => {
    const withdrawn = buildTrajectories([T({ toewijzingNummer: '1' })], [S('1', '2024-01-10'), S('1', '2024-01-10', { statusAanlevering: '3', dagtekening: '2024-01-20' })], AS_OF);
    expect(withdrawn.trajectories).toEqual([]);
    const corrected = buildTrajectories([T({ toewijzingNummer: '1' })], [S('1', '2024-01-10'), E('1', '2024-01-10', '2024-05-31', '22'), E('1', '2024-01-10', '2024-05-31', '19', { statusAanlevering: '2', dagtekening: '2024-06-10' })], AS_OF);
    expect(corrected.trajectories[0]).toMatchObject({ endReason: '19' });
  });

  it('the latest toewijzing version counts (a shortened einddatum ends a started trajectory without 307)', () => {
    const r = buildTrajectories([T({ toewijzingNummer: '1', einddatum: '2025-12-31' }), T({ toewijzingNummer: '1', toewijzingsdatum: '2024-05-01', einddatum: '2024-08-31', redenWijziging: '05' })], [S('1', '2024-01-10')], AS_OF);
    expect(r.trajectories[0]).toMatchObject({ endDate: '2024-08-31', endSource: 'toewijzing_einddatum' });
  });

  // Property: the result depends on the set of facts only — not on arrival order, not on duplicates.
  const scenario = fc.array(fc.record({
    nr: fc.constantFrom('1', '2', '3'),
    agb: fc.constantFrom('99000001', '99000002'),
    cat: fc.constantFrom('01', '02'),
    start: fc.integer({ min: 0, max: 600 }),
    len: fc.option(fc.integer({ min: 0, max: 300 })),
    reden: fc.constantFrom('19', '20', '21', '38'),
    status: fc.constantFrom('1', '1', '1', '2', '3'),
    dag: fc.integer({ min: 0, max: 30 }),
  }), { minLength: 1, maxLength: 12 });
  const day = (n: number) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const facts = (s: { nr: string; agb: string; cat: string; start: number; len: number | null; reden: string; status: string; dag: number }[]) => {
    const toew: ToewijzingFact[] = [...new Set(s.map((x) => x.nr))].map((nr) => { const x = s.find((y) => y.nr === nr)!; return T({ toewijzingNummer: nr, agbCode: x.agb, categoryCode: x.cat, einddatum: '2025-06-30' }); });
    const del: DeliveryFact[] = s.flatMap((x, i) => {
      const agb = toew.find((t) => t.toewijzingNummer === x.nr)!.agbCode;
      const start = S(x.nr, day(x.start), { agbCode: agb, statusAanlevering: x.status, dagtekening: day(x.start + x.dag), messageKey: `m${i}` });
      return x.len === null ? [start] : [start, E(x.nr, day(x.start), day(x.start + x.len), x.reden, { agbCode: agb, statusAanlevering: x.status, dagtekening: day(x.start + x.len + x.dag), messageKey: `n${i}` })];
    });
    return { toew, del };
  };

  it('property: order-independent and idempotent', () => {
    fc.assert(fc.property(scenario, fc.integer(), (s, seed) => {
      const { toew, del } = facts(s);
      const base = buildTrajectories(toew, del, AS_OF);
      const shuffled = [...del].sort((a, b) => ((a.messageKey.length * 31 + seed) % 7) - ((b.messageKey.length * 17 + seed) % 5));
      expect(buildTrajectories([...toew].reverse(), shuffled.reverse(), AS_OF)).toEqual(base);
      expect(buildTrajectories([...toew, ...toew], [...del, ...del], AS_OF)).toEqual(base);
    }));
  });

  it('property: trajectories of one key never overlap and always start on or before they end', () => {
    fc.assert(fc.property(scenario, (s) => {
      const { toew, del } = facts(s);
      const { trajectories } = buildTrajectories(toew, del, AS_OF);
      for (const t of trajectories) if (t.endDate) expect(t.startDate <= t.endDate).toBe(true);
      const byKey = new Map<string, typeof trajectories>();
      for (const t of trajectories) (byKey.get(`${t.law}|${t.categoryCode}|${t.agbCode}`) ?? byKey.set(`${t.law}|${t.categoryCode}|${t.agbCode}`, []).get(`${t.law}|${t.categoryCode}|${t.agbCode}`)!).push(t);
      for (const list of byKey.values()) {
        for (let i = 1; i < list.length; i++) {
          const prev = list[i - 1]!;
          expect(prev.endDate).not.toBeNull();
          expect(list[i]!.startDate > prev.endDate!).toBe(true);
        }
      }
    }));
  });
});
