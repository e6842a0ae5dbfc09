import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/ingest/errors.js';
import { readMessage } from '../../src/ingest/istandaarden/messages.js';
import { XsdCatalog } from '../../src/ingest/istandaarden/xml.js';
import { readStufMessage, unwrapStuf, wrapInStuf } from '../../src/ingest/stuf.js';
import { XSD_DIR } from '../helpers/koers.js';
import { msg301, msg305, msg317, msg319, msg323, type Header } from '../helpers/messages.js';

const catalog = new XsdCatalog(XSD_DIR);
const xsd = { xsd: (s: string, b: string) => catalog.validatorFor(s, b) };
const BSN = '999900006';
const h = (id = 'X1', dag = '2024-02-01'): Header => ({ std: 'iwmo', gemeente: '9001', agb: '99000001', id, dag });
const good305 = () => msg305(h(), { bsn: BSN }, [{ nr: '1', cat: '02', ingang: '2024-01-01', begin: '2024-01-02' }]);

/** Reads and returns the InputError (fails the test when the message is accepted). */
function rejects(input: string | Uint8Array, withXsd = false): InputError {
  try {
    readMessage(typeof input === 'string' ? Buffer.from(input) : input, withXsd ? xsd : {});
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    // No error ever carries a BSN of the test data.
    expect(`${err.reason} ${err.location}`).not.toMatch(/999900006|111222333/);
    return err;
  }
  throw new Error('the message was accepted');
}

describe('the reader refuses bad input with a Dutch reason and a location', () => {
  it('0-byte file', () => {
    expect(rejects('').reason).toMatch(/leeg \(0 bytes\)/);
  });

  it('malformed XML (truncated) names the line', () => {
    const e = rejects(good305().slice(0, 900));
    expect(e.reason).toMatch(/geen geldige XML/);
    expect(e.location).toMatch(/^regel \d+/);
  });

  it('plain text is not a message', () => {
    expect(rejects('dit is geen bericht').reason).toMatch(/geen geldige XML/);
  });

  it('wrong namespace', () => {
    const e = rejects(good305().replaceAll('http://www.istandaarden.nl/iwmo/3_2/wmo305/schema', 'http://example.org/wmo305'));
    expect(e.reason).toMatch(/geen iWmo- of iJw-bericht.*example\.org/);
    expect(e.location).toBe('regel 2');
  });

  it('an iStandaarden namespace of a message type that does not exist', () => {
    expect(rejects(good305().replaceAll('wmo305', 'wmo399')).reason).toMatch(/onbekend berichttype WMO399/);
  });

  it('old release (iWmo 2.4) names the release found', () => {
    expect(rejects(good305().replaceAll('3_2', '2_4')).reason).toMatch(/WMO305 uit release iWmo 2\.4 wordt niet ondersteund; Koers leest release 3\.2/);
  });

  it('BerichtCode that does not fit the namespace', () => {
    const e = rejects(good305().replace('<wmo305:BerichtCode>418<', '<wmo305:BerichtCode>414<'));
    expect(e.reason).toMatch(/BerichtCode 414 past niet bij de namespace \(verwacht 418\)/);
    expect(e.location).toMatch(/WMO305\/Header\/BerichtCode \(regel \d+\)/);
  });

  it('XXE attempt (external entity)', () => {
    const e = rejects('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<x>&e;</x>');
    expect(e.reason).toMatch(/DOCTYPE- en ENTITY-declaraties zijn niet toegestaan/);
    expect(e.location).toBe('regel 2');
  });

  it('entity-expansion bomb (billion laughs)', () => {
    const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)].join('\n');
    const e = rejects(`<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${lol}\n]>\n<lolz>&lol9;</lolz>`);
    expect(e.reason).toMatch(/DOCTYPE/);
  });

  it('wrong encoding: bytes that are not UTF-8', () => {
    expect(rejects(Buffer.from([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e])).reason).toMatch(/geen geldige UTF-8-tekst/);
  });

  it('wrong encoding: a declared ISO-8859-1 message', () => {
    const e = rejects(good305().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'));
    expect(e.reason).toMatch(/tekenset "ISO-8859-1" wordt niet ondersteund/);
  });

  it('bad BSN (fails the elfproef) without echoing it', () => {
    const e = rejects(msg305(h(), { bsn: '123456789' }, [{ nr: '1', cat: '02', ingang: '2024-01-01', begin: '2024-01-02' }]));
    expect(e.reason).toMatch(/Bsn is ongeldig/);
    expect(e.location).toMatch(/WMO305\/Client\/Bsn \(regel \d+\)/);
    expect(`${e.reason}${e.location}`).not.toContain('123456789');
  });

  it('bad BSN of the second client of a declaratie names that client', () => {
    const p = { ref: 'P1', nr: '1', cat: '02', begin: '2024-01-01', eind: '2024-01-31', volume: 1, bedrag: 100 };
    const e = rejects(msg323(h(), { nummer: 'D1', begin: '2024-01-01', eind: '2024-01-31', clienten: [{ bsn: BSN, prestaties: [p] }, { bsn: '123456789', prestaties: [{ ...p, ref: 'P2' }] }] }));
    expect(e.location).toMatch(/\/Declaratie\/Clienten\/Client\[2\]\/Bsn/);
  });

  it('an XSD error on the Bsn element does not echo the digits', () => {
    const e = rejects(good305().replace(`<wmo305:Bsn>${BSN}</wmo305:Bsn>`, '<wmo305:Bsn>99990000</wmo305:Bsn>'), true);
    expect(e.reason).toMatch(/voldoet niet aan het XSD/);
    expect(e.reason).not.toContain('99990000');
  });

  it('a BSN in another field is masked in the error', () => {
    const e = rejects(good305().replace('<wmo305:Begindatum>2024-01-02<', `<wmo305:Begindatum>${BSN}<`));
    expect(e.reason).toMatch(/"\*{9}" is geen geldige datum/);
  });

  it('too deeply nested XML', () => {
    const deep = good305().replace('<wmo305:StartProducten>', `${'<a>'.repeat(40)}x${'</a>'.repeat(40)}<wmo305:StartProducten>`);
    expect(rejects(deep).reason).toMatch(/dieper genest dan 32 niveaus/);
  });

  it('XSD validation failure names line and path', () => {
    const e = rejects(good305().replace('<wmo305:StatusAanlevering>1<', '<wmo305:StatusAanlevering>7<'), true);
    expect(e.reason).toMatch(/voldoet niet aan het XSD/);
    expect(e.location).toMatch(/^regel \d+/);
  });

  it('without XSD the code tables still check the codes', () => {
    expect(rejects(good305().replace('<wmo305:StatusAanlevering>1<', '<wmo305:StatusAanlevering>7<')).reason).toMatch(/StatusAanlevering "7" is onbekend/);
    expect(rejects(msg319(h(), { ref: 'R1', antwoord: '1', reden: '2' }).replace('>2</wmo319:RedenAfwijzingVerzoek>', '>12</wmo319:RedenAfwijzingVerzoek>')).reason).toMatch(/RedenAfwijzingVerzoek "12" is onbekend/);
  });

  it('319 refusal without a reason (CD085)', () => {
    expect(rejects(msg319(h(), { ref: 'R1', antwoord: '1' }), true).reason).toMatch(/zonder RedenAfwijzingVerzoek \(CD085\)/);
  });

  it('317 that changes nothing (TR353)', () => {
    expect(rejects(msg317(h(), BSN, { ref: 'R1', ongewijzigd: ['1'] }), true).reason).toMatch(/TR353/);
  });

  it('323 crediting a debet of the same message (TR316)', () => {
    const p = { nr: '1', cat: '02', begin: '2024-01-01', eind: '2024-01-31', volume: 1, bedrag: 100 };
    const e = rejects(msg323(h(), { nummer: 'D1', begin: '2024-01-01', eind: '2024-01-31', clienten: [{ bsn: BSN, prestaties: [{ ...p, ref: 'P1' }, { ...p, ref: 'P2', vorig: 'P1', dc: 'C' }] }] }), true);
    expect(e.reason).toMatch(/TR316/);
  });

  it('a gemeente where the header expects an AGB code', () => {
    const e = rejects(msg301({ ...h(), agb: '0363' }, { bsn: BSN }, [{ nr: '1', cat: '02', tdatum: '2024-01-01', ingang: '2024-01-01' }]));
    expect(e.reason).toMatch(/Ontvanger "0363" is geen AGB-code van 8 cijfers/);
  });
});

describe('StUF envelopes that do not hold what they say', () => {
  const envXsd = () => catalog.envelopeValidator();
  const stufRejects = (xml: string): InputError => {
    try { readStufMessage(Buffer.from(xml), { ...xsd, envelopeXsd: envXsd }); } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect(`${(e as InputError).reason} ${(e as InputError).location}`).not.toContain(BSN);
      return e as InputError;
    }
    throw new Error('the envelope was accepted');
  };

  it('functie that does not match the payload', () => {
    const e = stufRejects(wrapInStuf(good305(), { functie: 'WMO307', zender: '99000001', ontvanger: '9001' }));
    expect(e.reason).toMatch(/StUF:functie "WMO307" past niet bij het bericht in de envelop \(WMO305\)/);
  });

  it('base64 garbage', () => {
    const xml = wrapInStuf(good305(), { functie: 'WMO305', zender: '99000001', ontvanger: '9001' }).replace(/(<GGK:bericht[^>]*>)[^<]*/, '$1!!!dit-is-geen-base64???');
    // The XSD (base64Binary) refuses it; so do our own checks without the XSD.
    expect(stufRejects(xml).reason).toMatch(/XSD|base64/);
    expect(() => unwrapStuf(Buffer.from(xml))).toThrow(/geen geldige base64-tekst/);
  });

  it('valid base64 of something that is not a message', () => {
    const xml = wrapInStuf('Hier staat het heenbericht', { functie: 'WMO305', zender: '99000001', ontvanger: '9001' });
    const e = stufRejects(xml);
    expect(e.reason).toMatch(/^bericht in de StUF-envelop: geen geldige XML/);
    expect(e.location).toMatch(/^StUF-envelop\/parameters\/bericht/);
  });

  it('a payload with a bad BSN is refused without echoing it', () => {
    const e = stufRejects(wrapInStuf(msg305(h(), { bsn: '123456789' }, [{ nr: '1', cat: '02', ingang: '2024-01-01', begin: '2024-01-02' }]), { functie: 'WMO305', zender: '99000001', ontvanger: '9001' }));
    expect(e.reason).toMatch(/Bsn is ongeldig/);
    expect(e.reason + e.location).not.toContain('123456789');
  });

  it('an envelope for another gemeente', () => {
    expect(stufRejects(wrapInStuf(good305(), { functie: 'WMO305', zender: '99000001', ontvanger: '0363' })).reason).toMatch(/ontvanger 0363 is een andere gemeente dan in het bericht \(9001\)/);
  });

  it('an empty GGK:bericht', () => {
    const xml = wrapInStuf(good305(), { functie: 'WMO305', zender: '99000001', ontvanger: '9001' }).replace(/(<GGK:bericht[^>]*>)[^<]*/, '$1');
    expect(() => unwrapStuf(Buffer.from(xml))).toThrow(/GGK:bericht is leeg/);
  });

  it('berichtcode that does not fit the envelope', () => {
    const xml = wrapInStuf(good305(), { functie: 'WMO305', zender: '99000001', ontvanger: '9001' }).replace('<StUF:berichtcode>Di01<', '<StUF:berichtcode>Du01<');
    expect(() => unwrapStuf(Buffer.from(xml))).toThrow(/berichtcode "Du01" past niet bij envelopHeenbericht-ggk_Di01/);
  });

  it('a missing functie is refused by our checks and by the envelope XSD', () => {
    const xml = wrapInStuf(good305(), { functie: 'WMO305', zender: '99000001', ontvanger: '9001' }).replace(/\s*<StUF:functie>WMO305<\/StUF:functie>/, '');
    expect(() => unwrapStuf(Buffer.from(xml))).toThrow(/verplicht element functie ontbreekt/);
    expect(() => unwrapStuf(Buffer.from(xml), catalog.envelopeValidator())).toThrow(/voldoet niet aan het XSD/);
  });
});
