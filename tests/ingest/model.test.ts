import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTrajectories, isRemovedToewijzing, type DeliveryFact, type ToewijzingFact } from '../../src/model/trajectories.js';
import { sniffRoot } from '../../src/ingest/istandaarden/xml.js';
import { allAkkoord, sentByGemeente, GEMEENTE_IS_AFZENDER, SUPPORTED_TYPES } from '../../src/ingest/istandaarden/codes.js';

const T = (o: Partial<ToewijzingFact> & { toewijzingNummer: string }): ToewijzingFact => ({
  law: 'wmo', agbCode: '99000001', categoryCode: '02', productCode: '02A01', toewijzingsdatum: '2024-01-01', toewijzingstijd: '10:00:00',
  ingangsdatum: '2024-01-01', einddatum: '2024-12-31', redenWijziging: null, dagtekening: '2024-01-01', messageKey: `t-${o.toewijzingNummer}-${o.toewijzingsdatum ?? ''}-${o.redenWijziging ?? ''}`, ...o,
});
const S = (nr: string, begindatum: string, o: Partial<DeliveryFact> = {}): DeliveryFact => ({
  kind: 'start', law: 'wmo', toewijzingNummer: nr, agbCode: '99000001', categoryCode: '02', begindatum, einddatum: null, redenBeeindiging: null,
  statusAanlevering: '1', dagtekening: begindatum, messageKey: `s-${nr}-${begindatum}-${o.dagtekening ?? ''}`, ...o,
});
const AS_OF = '2026-01-01';

describe('RedenWijziging semantics', () => {
  it('13 always, and 01 with einddatum = ingangsdatum, mean "never sent" (OP087)', () => {
    expect(isRemovedToewijzing({ redenWijziging: '13', ingangsdatum: '2024-01-01', einddatum: '2024-01-01' })).toBe(true);
    expect(isRemovedToewijzing({ redenWijziging: '01', ingangsdatum: '2024-01-01', einddatum: '2024-01-01' })).toBe(true);
    expect(isRemovedToewijzing({ redenWijziging: '01', ingangsdatum: '2024-01-01', einddatum: '2024-03-01' })).toBe(false);
    expect(isRemovedToewijzing({ redenWijziging: '14', ingangsdatum: '2024-01-01', einddatum: '2024-01-01' })).toBe(false);
  });

  it('a toewijzing withdrawn with 01 (einddatum = ingangsdatum) leaves no trajectory and no waiting toewijzing', () => {
    const r = buildTrajectories([T({ toewijzingNummer: '1' }), T({ toewijzingNummer: '1', toewijzingsdatum: '2024-01-05', einddatum: '2024-01-01', redenWijziging: '01' })], [S('1', '2024-01-02')], AS_OF);
    expect(r).toEqual({ trajectories: [], notStarted: [], links: [] });
  });

  it('14 (administratieve correctie) is the version that counts, in any order', () => {
    const facts = [T({ toewijzingNummer: '1', einddatum: '2024-12-31' }), T({ toewijzingNummer: '1', toewijzingsdatum: '2024-03-01', einddatum: '2024-06-30', redenWijziging: '14' })];
    for (const order of [facts, [...facts].reverse()]) {
      const r = buildTrajectories(order, [S('1', '2024-01-10')], AS_OF);
      // No 307: the trajectory ends on the corrected einddatum.
      expect(r.trajectories).toEqual([expect.objectContaining({ startDate: '2024-01-10', endDate: '2024-06-30', endSource: 'toewijzing_einddatum' })]);
    }
  });
});

describe('sniffRoot finds the root element without parsing', () => {
  it.each([
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a:Bericht xmlns:a="urn:x">', { name: 'Bericht', ns: 'urn:x', line: 2 }],
    ['\uFEFF<!-- c > d -->\n<?pi x?>\n\n<Bericht xmlns="urn:d" other=\'1 > 2\'/>', { name: 'Bericht', ns: 'urn:d', line: 4 }],
    ['<p:B\n   xmlns:q="urn:q"\n   xmlns:p=\'urn:p\'>', { name: 'B', ns: 'urn:p', line: 1 }],
    ['<Bericht>', { name: 'Bericht', ns: '', line: 1 }],
  ])('%j', (text, expected) => {
    expect(sniffRoot(text)).toEqual(expected);
  });
  it.each(['', 'geen xml', '<!-- open', '<a:b xmlns:a="urn:x"', '<1bad>'])('not a start tag: %j', (text) => {
    expect(sniffRoot(text)).toBeNull();
  });
  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => { sniffRoot(s); }));
  });
});

describe('code tables', () => {
  it('every supported type names its gemeente side, and a retour is sent by the other party', () => {
    expect(SUPPORTED_TYPES).toHaveLength(14);
    expect(SUPPORTED_TYPES.filter((t) => GEMEENTE_IS_AFZENDER[t])).toEqual(['301', '302', '319', '320', '325']);
    expect(SUPPORTED_TYPES.filter((t) => sentByGemeente(t))).toEqual(['301', '306', '308', '316', '318', '319', '325']);
  });
  it('only 0200 and 8001 mean "no objection"', () => {
    expect(allAkkoord([])).toBe(true);
    expect(allAkkoord(['0200', '8001'])).toBe(true);
    expect(allAkkoord(['0200', '0233'])).toBe(false);
  });
});
