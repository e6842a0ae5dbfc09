import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { XsdCatalog, parseXml } from '../../src/ingest/istandaarden/xml.js';
import { isStufEnvelope, readStufMessage, unwrapStuf, wrapInStuf } from '../../src/ingest/stuf.js';
import { SHARED, XSD_DIR } from '../helpers/koers.js';
import { craftedSet } from '../helpers/messages.js';

const catalog = new XsdCatalog(XSD_DIR);
const EXAMPLES = path.join(SHARED, 'data/vng-stuf-ggk-envelop/ggk0310_21_03/ggk0310_21/ggkberichten');
const opts = { xsd: (s: string, b: string) => catalog.validatorFor(s, b), envelopeXsd: () => catalog.envelopeValidator() };

describe('StUF GGk envelope', () => {
  it('libxml2 loads the envelope XSD (ggk0310_msg.xsd with its StUF 0301 and xmlmime imports)', () => {
    expect(catalog.envelopeValidator()).not.toBeNull();
  });

  it('unwraps the official examples (their payload is a placeholder text)', () => {
    const di = unwrapStuf(fs.readFileSync(path.join(EXAMPLES, 'ggk_Di01.xml')), catalog.envelopeValidator());
    expect(di).toMatchObject({ berichtcode: 'Di01', functie: 'WMO301', zender: '0548', ontvanger: 'CAK', referentienummer: '9c0f7b90-5c69-11e5-a837-0800200c9a66', bestandsnaam: 'WMO301.txt', contentType: 'application/xml' });
    expect(di.payload.toString('utf8')).toBe('Hier staat het heenbericht');
    const du = unwrapStuf(fs.readFileSync(path.join(EXAMPLES, 'ggk_Du01.xml')), catalog.envelopeValidator());
    expect(du).toMatchObject({ berichtcode: 'Du01', functie: 'WMO302', zender: '01023456', ontvanger: '0484' });
    expect(du.payload.toString('utf8')).toBe('Hier staat het retourbericht');
  });

  it('recognises an envelope from its root element only', () => {
    expect(isStufEnvelope(fs.readFileSync(path.join(EXAMPLES, 'ggk_Di01.xml')))).toBe(true);
    expect(isStufEnvelope(Buffer.from(craftedSet('iwmo')['301']))).toBe(false);
    expect(isStufEnvelope(Buffer.from('geen xml'))).toBe(false);
  });

  it.each(['iwmo', 'ijw'] as const)('routes a wrapped %s heenbericht and retour through the normal reader', (std) => {
    const set = craftedSet(std);
    const pre = std === 'iwmo' ? 'WMO' : 'JW';
    const heen = wrapInStuf(set['301'], { functie: `${pre}301`, zender: '9001', ontvanger: '99000001' });
    expect(() => parseXml(Buffer.from(heen), catalog.envelopeValidator())).not.toThrow();
    const r = readStufMessage(Buffer.from(heen), opts);
    expect(r.envelope).toMatchObject({ berichtcode: 'Di01', functie: `${pre}301` });
    expect(r.message).toMatchObject({ type: '301', bericht: `${pre}301`, header: { afzender: '9001', ontvanger: '99000001' } });
    const retour = wrapInStuf(set['306'], { functie: `${pre}306`, zender: '9001', ontvanger: '99000001', retour: true });
    expect(() => parseXml(Buffer.from(retour), catalog.envelopeValidator())).not.toThrow();
    expect(readStufMessage(Buffer.from(retour), opts).message).toMatchObject({ type: '306', retour: { answers: '305' } });
  });

  it('accepts parties that are not a gemeente or AGB code (GGk, CAK, SVB) and a lower-case functie', () => {
    const env = wrapInStuf(craftedSet('iwmo')['305'], { functie: 'wmo305', zender: 'GGk', ontvanger: '9001' });
    expect(readStufMessage(Buffer.from(env), opts).message.type).toBe('305');
  });

  describe('envelope kind and direction (StUF GGk: heenbericht in Di01, retourbericht in Du01, whoever sends it)', () => {
    const refuse = (xml: string) => {
      try { readStufMessage(Buffer.from(xml), opts); } catch (e) { return e as Error & { reason: string; location: string | null }; }
      throw new Error('the envelope was accepted');
    };

    it('accepts a heenbericht sent by the gemeente (301, 319, 325) and one sent by the aanbieder (305, 307, 315, 317, 323) in Di01', () => {
      const set = craftedSet('iwmo');
      for (const t of ['301', '319', '325'] as const) expect(readStufMessage(Buffer.from(wrapInStuf(set[t], { functie: `WMO${t}`, zender: '9001', ontvanger: '99000001' })), opts).message.type).toBe(t);
      for (const t of ['305', '307', '315', '317', '323'] as const) expect(readStufMessage(Buffer.from(wrapInStuf(set[t], { functie: `WMO${t}`, zender: '99000001', ontvanger: '9001' })), opts).message.type).toBe(t);
      // Retours go back: the gemeente answers a 305 (306), the aanbieder answers a 301 (302).
      expect(readStufMessage(Buffer.from(wrapInStuf(set['302'], { functie: 'WMO302', zender: '99000001', ontvanger: '9001', retour: true })), opts).message.type).toBe('302');
    });

    it('refuses a heenbericht in a retour envelope (Du01), naming what was found and what was expected', () => {
      const xml = wrapInStuf(craftedSet('iwmo')['305'], { functie: 'WMO305', zender: '99000001', ontvanger: '9001', retour: true });
      expect(() => parseXml(Buffer.from(xml), catalog.envelopeValidator())).not.toThrow(); // a valid Du01 as such
      const e = refuse(xml);
      expect(e.reason).toBe('WMO305 is een heenbericht en hoort in een envelopHeenbericht-ggk_Di01 (berichtcode Di01); gevonden: envelopRetourbericht-ggk_Du01 (berichtcode Du01)');
      expect(e.location).toBe('StUF-envelop/stuurgegevens/berichtcode');
    });

    it('refuses a retourbericht in a heenbericht envelope (Di01)', () => {
      const e = refuse(wrapInStuf(craftedSet('ijw')['306'], { functie: 'JW306', zender: '9001', ontvanger: '99000001' }));
      expect(e.reason).toBe('JW306 is een retourbericht en hoort in een envelopRetourbericht-ggk_Du01 (berichtcode Du01); gevonden: envelopHeenbericht-ggk_Di01 (berichtcode Di01)');
    });

    it('refuses zender and ontvanger the wrong way round', () => {
      const e = refuse(wrapInStuf(craftedSet('iwmo')['305'], { functie: 'WMO305', zender: '9001', ontvanger: '99000001' }));
      expect(e.reason).toBe('StUF:zender 9001 klopt niet met de richting van WMO305: dat bericht wordt verstuurd door de aanbieder (99000001) aan de gemeente (9001)');
      expect(e.location).toBe('StUF-envelop/stuurgegevens/zender/organisatie');
      const r = refuse(wrapInStuf(craftedSet('iwmo')['306'], { functie: 'WMO306', zender: '99000001', ontvanger: 'GGk', retour: true }));
      expect(r.reason).toBe('StUF:zender 99000001 klopt niet met de richting van WMO306: dat bericht wordt verstuurd door de gemeente (9001) aan de aanbieder (99000001)');
    });
  });
});
