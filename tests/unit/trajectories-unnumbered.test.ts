import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTrajectories, matchToewijzing, type DeliveryFact, type ToewijzingFact } from '../../src/model/trajectories.js';

/** Starts/stops without ToewijzingNummer (taakgericht, IV096) are linked to a toewijzing by product, aanbieder and period. */
const T = (o: Partial<ToewijzingFact> & { toewijzingNummer: string }): ToewijzingFact => ({
  law: 'wmo', agbCode: '99000001', categoryCode: '02', productCode: '02A01', toewijzingsdatum: '2024-01-01', toewijzingstijd: '10:00:00',
  ingangsdatum: '2024-01-01', einddatum: '2024-12-31', redenWijziging: null, dagtekening: '2024-01-01', messageKey: `t-${o.toewijzingNummer}-${o.toewijzingsdatum ?? ''}`, ...o,
});
const S = (begindatum: string, o: Partial<DeliveryFact> = {}): DeliveryFact => ({
  kind: 'start', law: 'wmo', toewijzingNummer: null, agbCode: '99000001', categoryCode: '02', productCode: '02A01', begindatum, einddatum: null, redenBeeindiging: null,
  statusAanlevering: '1', dagtekening: begindatum, messageKey: `s-${begindatum}-${o.dagtekening ?? ''}`, recordKey: `m-s-${begindatum}:0`, ...o,
});
const E = (begindatum: string, einddatum: string, reden = '19', o: Partial<DeliveryFact> = {}): DeliveryFact => ({
  ...S(begindatum), kind: 'stop', einddatum, redenBeeindiging: reden, dagtekening: einddatum, messageKey: `e-${begindatum}-${einddatum}`, recordKey: `m-e-${begindatum}:0`, ...o,
});
const AS_OF = '2026-01-01';

describe('start/stop without ToewijzingNummer', () => {
  it('links to the toewijzing of the same aanbieder and product whose period covers the begindatum', () => {
    const r = buildTrajectories([T({ toewijzingNummer: '1' })], [S('2024-02-01'), E('2024-02-01', '2024-06-30')], AS_OF);
    expect(r.trajectories).toEqual([{ law: 'wmo', categoryCode: '02', agbCode: '99000001', startDate: '2024-02-01', endDate: '2024-06-30', endReason: '19', endSource: '307', firstToewijzingsdatum: '2024-01-01', toewijzingNummers: ['1'] }]);
    expect(r.notStarted).toEqual([]);
    expect(r.links.map((l) => [l.kind, l.toewijzingNummer, l.reason])).toEqual([['stop', '1', null], ['start', '1', null]]);
  });

  it('a numbered and an unnumbered record of the same delivery are one delivery', () => {
    const numbered = buildTrajectories([T({ toewijzingNummer: '1' })], [S('2024-02-01', { toewijzingNummer: '1' }), E('2024-02-01', '2024-06-30')], AS_OF);
    expect(numbered.trajectories).toHaveLength(1);
    expect(numbered.trajectories[0]).toMatchObject({ startDate: '2024-02-01', endDate: '2024-06-30' });
  });

  it('picks the toewijzing whose period covers the date when the product has several', () => {
    const t = [T({ toewijzingNummer: '1', einddatum: '2024-06-30' }), T({ toewijzingNummer: '2', ingangsdatum: '2024-07-01', einddatum: null })];
    expect(matchToewijzing(S('2024-03-01'), t)).toEqual({ toewijzingNummer: '1', reason: null });
    expect(matchToewijzing(S('2024-08-01'), t)).toEqual({ toewijzingNummer: '2', reason: null });
    // Einddatum is inclusive.
    expect(matchToewijzing(S('2024-06-30'), t)).toEqual({ toewijzingNummer: '1', reason: null });
  });

  it('prefers the delivered ToewijzingIngangsdatum, then an exact productcode, then the latest ingangsdatum', () => {
    const t = [T({ toewijzingNummer: '1', ingangsdatum: '2024-01-01', einddatum: null }), T({ toewijzingNummer: '2', ingangsdatum: '2024-02-01', einddatum: null }),
      T({ toewijzingNummer: '3', ingangsdatum: '2024-03-01', einddatum: null, productCode: null })];
    expect(matchToewijzing(S('2024-04-01'), t).toewijzingNummer).toBe('2');
    expect(matchToewijzing(S('2024-04-01', { toewijzingIngangsdatum: '2024-01-01' }), t).toewijzingNummer).toBe('1');
    expect(matchToewijzing(S('2024-04-01', { productCode: '02A99' }), t).toewijzingNummer).toBe('3'); // aspecifiek: category only
  });

  it('matches a generiek toewijzing (no product) only from a start without product', () => {
    const t = [T({ toewijzingNummer: '9', categoryCode: null, productCode: null })];
    expect(matchToewijzing(S('2024-04-01', { categoryCode: null, productCode: null }), t).toewijzingNummer).toBe('9');
    expect(matchToewijzing(S('2024-04-01'), t).toewijzingNummer).toBeNull();
  });

  it('does not link to another aanbieder, another law, another category or a removed toewijzing, and says why', () => {
    const other = matchToewijzing(S('2024-04-01', { agbCode: '99000002' }), [T({ toewijzingNummer: '1' })]);
    expect(other).toEqual({ toewijzingNummer: null, reason: 'geen toewijzing van deze aanbieder voor product 02/02A01' });
    expect(matchToewijzing(S('2024-04-01', { law: 'jeugd' }), [T({ toewijzingNummer: '1' })]).toewijzingNummer).toBeNull();
    expect(matchToewijzing(S('2024-04-01', { categoryCode: '03', productCode: '03A01' }), [T({ toewijzingNummer: '1' })]).toewijzingNummer).toBeNull();
    expect(matchToewijzing(S('2024-04-01'), [T({ toewijzingNummer: '1', redenWijziging: '13' })]).toewijzingNummer).toBeNull();
    const outside = matchToewijzing(S('2025-02-01'), [T({ toewijzingNummer: '1' })]);
    expect(outside).toEqual({ toewijzingNummer: null, reason: 'wel een toewijzing van deze aanbieder voor product 02/02A01, maar geen die loopt op de begindatum 2025-02-01' });
  });

  it('an unlinked start makes no trajectory and is reported in links with its reason', () => {
    const r = buildTrajectories([], [S('2024-02-01')], AS_OF);
    expect(r.trajectories).toEqual([]);
    expect(r.links).toEqual([{ recordKey: 'm-s-2024-02-01:0', kind: 'start', law: 'wmo', agbCode: '99000001', begindatum: '2024-02-01', toewijzingNummer: null, reason: 'geen toewijzing van deze aanbieder voor product 02/02A01' }]);
  });

  it('the latest toewijzing version decides: a later RedenWijziging 13 unlinks, a later version with another period relinks', () => {
    const v1 = T({ toewijzingNummer: '1' });
    const removed = T({ toewijzingNummer: '1', toewijzingsdatum: '2024-03-01', einddatum: '2024-01-01', redenWijziging: '13' });
    expect(buildTrajectories([v1, removed], [S('2024-02-01')], AS_OF).trajectories).toEqual([]);
    const shortened = T({ toewijzingNummer: '1', toewijzingsdatum: '2024-03-01', einddatum: '2024-01-31', redenWijziging: '14' });
    expect(buildTrajectories([v1, shortened], [S('2024-02-01')], AS_OF).links[0]!.toewijzingNummer).toBeNull();
  });

  it('the result does not depend on the order of the facts (property)', () => {
    const toew = [T({ toewijzingNummer: '1', einddatum: '2024-06-30' }), T({ toewijzingNummer: '2', ingangsdatum: '2024-07-01', einddatum: null }),
      T({ toewijzingNummer: '2', toewijzingsdatum: '2024-08-01', ingangsdatum: '2024-07-01', einddatum: '2024-12-31', redenWijziging: '14' }),
      T({ toewijzingNummer: '3', agbCode: '99000002', einddatum: null })];
    const del = [S('2024-02-01'), E('2024-02-01', '2024-06-30', '20'), S('2024-07-10'), E('2024-07-10', '2024-11-30'), S('2024-03-01', { agbCode: '99000002', recordKey: 'x:1' }),
      S('2025-03-01', { recordKey: 'y:1' }), S('2024-02-01', { toewijzingNummer: '1', recordKey: 'z:1', messageKey: 'z' })];
    const expected = buildTrajectories(toew, del, AS_OF);
    expect(expected.trajectories.length).toBeGreaterThan(0);
    fc.assert(fc.property(fc.shuffledSubarray(toew, { minLength: toew.length }), fc.shuffledSubarray(del, { minLength: del.length }), (t, d) => {
      expect(buildTrajectories(t, d, AS_OF)).toEqual(expected);
    }), { numRuns: 100 });
  });
});
