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
});
