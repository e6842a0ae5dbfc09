import { describe, expect, it } from 'vitest';
import { readMessage } from '../../src/ingest/istandaarden/messages.js';
import { XsdCatalog, parseXml } from '../../src/ingest/istandaarden/xml.js';
import { XSD_DIR } from '../helpers/koers.js';
import { craftedSet } from '../helpers/messages.js';

/**
 * Crafted messages of every type, for iWmo (and iJw): each must validate against the official XSD
 * (checked here directly with libxml2) and read back to what was written.
 */
const catalog = new XsdCatalog(XSD_DIR);
const BSN = '999900006';

describe.each(['iwmo', 'ijw'] as const)('crafted %s messages', (std) => {
  const set = craftedSet(std);
  it.each(Object.keys(set))('%s validates against the official XSD and reads back', (type) => {
    const xml = set[type as keyof typeof set];
    const bericht = `${std === 'iwmo' ? 'WMO' : 'JW'}${type}`;
    const validator = catalog.validatorFor(std, bericht);
    expect(validator, `XSD for ${bericht}`).not.toBeNull();
    expect(() => parseXml(Buffer.from(xml), validator)).not.toThrow();
    const m = readMessage(Buffer.from(xml), { xsd: (s, b) => catalog.validatorFor(s, b) });
    expect(m.type).toBe(type);
    expect(m.bericht).toBe(bericht);
    expect(m.law).toBe(std === 'iwmo' ? 'wmo' : 'jeugd');
  });

  it('reads the fields of each type', () => {
    const r = (t: keyof typeof set) => readMessage(Buffer.from(set[t]));
    const m315 = r('315');
    expect(m315.type === '315' && m315.producten[0]).toMatchObject({ referentieAanbieder: 'VOT-1', toewijzingIngangsdatum: '2024-01-08', toewijzingEinddatum: '2024-12-31', volume: 3, eenheid: '04', frequentie: '2', verwijzerType: std === 'iwmo' ? '01' : '02' });
    const m317 = r('317');
    expect(m317.type === '317' && m317.verzoek).toMatchObject({ referentieAanbieder: 'VOW-1', redenVerzoek: '2', producten: [
      { kind: 'te_wijzigen', toewijzingNummer: '5001', gewensteIngangsdatum: '2024-03-01', volume: 5 },
      { kind: 'nieuw', toewijzingNummer: null, productcode: std === 'iwmo' ? '02A02' : '45A02', budget: 100000 },
    ] });
    const m319 = r('319');
    expect(m319.type === '319' && m319.antwoord).toEqual({ referentieAanbieder: 'VOW-1', verzoekAntwoord: '1', redenAfwijzing: '2', woonplaatsGemeente: null });
    const m323 = r('323');
    expect(m323.type === '323' && m323.declaratie.totaalIngediend).toEqual({ bedrag: 50000, debetCredit: 'D' });
    const m325 = r('325');
    expect(m325.type === '325' && m325.antwoord?.clienten[0]?.prestaties[0]?.retourCodes).toEqual(['9321']);
    const m302 = r('302');
    expect(m302.type === '302' && m302.retour).toMatchObject({ answers: '301', identificatie: 'RT1', dagtekening: '2024-01-06', headerCodes: ['0200'], clientCodes: ['0200'] });
    expect(m302.type === '302' && m302.retour.items).toEqual([{ level: 'Contact', key: 'Contact[1]', codes: ['0200'] }, { level: 'ToegewezenProduct', key: '5001', codes: ['0200'] }]);
    const m308 = r('308');
    expect(m308.type === '308' && m308.retour.items).toEqual([{ level: 'StopProduct', key: '5001|2024-01-09', codes: ['9069'] }]);
    const m318 = r('318');
    expect(m318.type === '318' && m318.retour.items.map((i) => [i.level, i.key, i.codes])).toEqual([
      ['Verzoek', 'VOW-1', ['0200']],
      ['TeWijzigenProduct', '5001', ['0200']],
      ['NieuwProduct', `${std === 'iwmo' ? '02' : '45'}|${std === 'iwmo' ? '02A02' : '45A02'}|2024-04-01`, ['9361']],
    ]);
    expect(r('320')).toMatchObject({ type: '320', client: null, retour: { answers: '319', items: [{ level: 'Antwoord', key: 'VOW-1', codes: ['0200'] }] } });
    expect(r('316')).toMatchObject({ type: '316', client: { bsn: BSN }, retour: { answers: '315', items: [{ level: 'AangevraagdProduct', key: 'VOT-1', codes: ['0200'] }] } });
    expect(r('306')).toMatchObject({ type: '306', retour: { answers: '305', items: [{ level: 'StartProduct', key: '5001|2024-01-09', codes: ['0200'] }] } });
  });
});
