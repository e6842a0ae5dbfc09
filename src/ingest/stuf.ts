import type { XsdValidator } from 'libxml2-wasm';
import { InputError } from './errors.js';
import { GEMEENTE_IS_AFZENDER, isRetourType, sentByGemeente } from './istandaarden/codes.js';
import { readMessage, type ParsedMessage, type ReadOptions } from './istandaarden/messages.js';
import { child, parseChecked, preflightXml, sniffRoot, type Node } from './istandaarden/xml.js';

/**
 * StUF GGk envelopes (ggk0310, domain.md §3.5). Gemeenten exchange iWmo/iJw messages through the
 * GGk wrapped in `GGK:envelopHeenbericht-ggk_Di01` / `GGK:envelopRetourbericht-ggk_Du01`: the
 * message is base64 in `GGK:bericht`, `StUF:functie` names it (e.g. WMO301) and the parties are in
 * `StUF:zender`/`StUF:ontvanger` (a gemeente by its 4-digit CBS code, an aanbieder by its AGB code).
 * Path: validate the envelope → decode the payload → read it as any message → check that functie
 * and parties match the message inside.
 */

export const GGK_NS = 'http://www.stufstandaarden.nl/sectormodel/ggk/0210';
export const STUF_NS = 'http://www.egem.nl/StUF/StUF0301';
const ROOTS: Record<string, 'Di01' | 'Du01'> = { 'envelopHeenbericht-ggk_Di01': 'Di01', 'envelopRetourbericht-ggk_Du01': 'Du01' };
const ENVELOPES = { Di01: { code: 'Di01', root: 'envelopHeenbericht-ggk_Di01' }, Du01: { code: 'Du01', root: 'envelopRetourbericht-ggk_Du01' } } as const;

export interface StufEnvelope {
  berichtcode: 'Di01' | 'Du01';
  functie: string;
  zender: string;
  ontvanger: string;
  referentienummer: string;
  bestandsnaam: string | null;
  contentType: string | null;
  /** The decoded iWmo/iJw message. */
  payload: Buffer;
}

export interface StufReadOptions extends ReadOptions {
  /** The envelope schema (ggk0310_msg.xsd), or null to check the structure only. */
  envelopeXsd?: (() => XsdValidator | null) | null;
}

const loose = new TextDecoder('utf-8');

/** True when the document's root element is a StUF GGk envelope (cheap scan of the start). */
export function isStufEnvelope(bytes: Uint8Array): boolean {
  const root = sniffRoot(loose.decode(bytes.subarray(0, 64 * 1024)));
  return root !== null && root.ns === GGK_NS;
}

/** Validates the envelope and decodes its payload. Throws InputError (Dutch reason, element and line). */
export function unwrapStuf(bytes: Uint8Array, validator: XsdValidator | null = null): StufEnvelope {
  const text = preflightXml(bytes);
  const root = parseChecked(bytes, validator);
  const kind = root.ns === GGK_NS ? ROOTS[root.name] : undefined;
  if (!kind) throw new InputError(`dit is geen StUF GGk-envelop (root-element "${root.name}"); verwacht envelopHeenbericht-ggk_Di01 of envelopRetourbericht-ggk_Du01`, `regel ${root.line}`);
  const loc = (n: Node, path: string) => `StUF-envelop/${path} (regel ${n.line})`;
  const req = (parent: Node, name: string, ns: string, path: string): Node => {
    const n = parent.children.find((c) => c.name === name && c.ns === ns);
    if (!n) throw new InputError(`verplicht element ${name} ontbreekt in de envelop`, loc(parent, path));
    return n;
  };
  const text1 = (parent: Node, name: string, ns: string, path: string): string => {
    const n = req(parent, name, ns, path);
    if (!n.text) throw new InputError(`element ${name} is leeg`, loc(n, `${path}/${name}`));
    return n.text;
  };
  const sg = req(root, 'stuurgegevens', GGK_NS, root.name);
  const code = text1(sg, 'berichtcode', STUF_NS, 'stuurgegevens');
  if (code !== kind) throw new InputError(`StUF:berichtcode "${code}" past niet bij ${root.name} (verwacht ${kind})`, loc(req(sg, 'berichtcode', STUF_NS, 'stuurgegevens'), 'stuurgegevens/berichtcode'));
  const org = (name: 'zender' | 'ontvanger') => text1(req(sg, name, STUF_NS, 'stuurgegevens'), 'organisatie', STUF_NS, `stuurgegevens/${name}`);
  const params = req(root, 'parameters', GGK_NS, root.name);
  const berichtNode = req(params, 'bericht', GGK_NS, 'parameters');
  const b64 = berichtNode.text.replace(/\s+/g, '');
  if (!b64) throw new InputError('GGK:bericht is leeg: de envelop bevat geen bericht', loc(berichtNode, 'parameters/bericht'));
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) throw new InputError('GGK:bericht is geen geldige base64-tekst', loc(berichtNode, 'parameters/bericht'));
  const payload = Buffer.from(b64, 'base64');
  if (!payload.length) throw new InputError('GGK:bericht is leeg: de envelop bevat geen bericht', loc(berichtNode, 'parameters/bericht'));
  // The light tree keeps no attributes: read the two of GGK:bericht from its start tag.
  const startTag = /<(?:[\w.-]+:)?bericht\b[^>]*>/.exec(text)?.[0] ?? '';
  const attr = (local: string) => new RegExp(`\\s(?:[\\w.-]+:)?${local}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(startTag);
  const ct = attr('contentType');
  const contentType = ct ? (ct[2] ?? ct[3] ?? '') : null;
  if (contentType !== null && !/xml/i.test(contentType)) throw new InputError(`GGK:bericht heeft contentType "${contentType}"; verwacht een XML-bericht`, loc(berichtNode, 'parameters/bericht'));
  const bn = attr('bestandsnaam');
  return {
    berichtcode: kind,
    functie: text1(sg, 'functie', STUF_NS, 'stuurgegevens'),
    zender: org('zender'),
    ontvanger: org('ontvanger'),
    referentienummer: text1(sg, 'referentienummer', STUF_NS, 'stuurgegevens'),
    bestandsnaam: bn ? (bn[2] ?? bn[3] ?? null) : null,
    contentType,
    payload,
  };
}

/**
 * Reads an enveloped iWmo/iJw message: the envelope is validated (against the envelope XSD when
 * given), the payload is read like any message (XSD-validated when configured), and StUF:functie
 * and the envelope's parties must match the message inside.
 */
export function readStufMessage(bytes: Uint8Array, opts: StufReadOptions = {}): { envelope: StufEnvelope; message: ParsedMessage } {
  const envelope = unwrapStuf(bytes, opts.envelopeXsd?.() ?? null);
  let message: ParsedMessage;
  try {
    message = readMessage(envelope.payload, opts);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`bericht in de StUF-envelop: ${e.reason}`, `StUF-envelop/parameters/bericht${e.location ? ` → ${e.location}` : ''}`);
    throw e;
  }
  if (envelope.functie.trim().toUpperCase() !== message.bericht) {
    throw new InputError(`StUF:functie "${envelope.functie}" past niet bij het bericht in de envelop (${message.bericht})`, 'StUF-envelop/stuurgegevens/functie');
  }
  // StUF GGk (ggk0310, and its examples ggk_Di01.xml with WMO301, ggk_Du01.xml with WMO302): a
  // heenbericht (301, 305, 307, 315, 317, 319, 323, 325) travels in envelopHeenbericht-ggk_Di01,
  // whoever sends it; a retourbericht (302, 306, 308, 316, 318, 320) in envelopRetourbericht-ggk_Du01.
  const retour = isRetourType(message.type);
  const expected = retour ? ENVELOPES.Du01 : ENVELOPES.Di01;
  if (envelope.berichtcode !== expected.code) {
    const found = envelope.berichtcode === 'Di01' ? ENVELOPES.Di01 : ENVELOPES.Du01;
    throw new InputError(`${message.bericht} is een ${retour ? 'retourbericht' : 'heenbericht'} en hoort in een ${expected.root} (berichtcode ${expected.code}); gevonden: ${found.root} (berichtcode ${found.code})`, 'StUF-envelop/stuurgegevens/berichtcode');
  }
  const fromGemeente = GEMEENTE_IS_AFZENDER[message.type];
  const gemeente = fromGemeente ? message.header.afzender : message.header.ontvanger;
  const agb = fromGemeente ? message.header.ontvanger : message.header.afzender;
  // Who really sends this message (a retour goes back to the sender of the heenbericht).
  const gemeenteSends = sentByGemeente(message.type);
  const party = (sends: boolean) => (sends === gemeenteSends ? `de gemeente (${gemeente})` : `de aanbieder (${agb})`);
  for (const [role, value] of [['zender', envelope.zender], ['ontvanger', envelope.ontvanger]] as const) {
    const at = `StUF-envelop/stuurgegevens/${role}/organisatie`;
    if (/^\d{4}$/.test(value) && value !== gemeente) throw new InputError(`StUF:${role} ${value} is een andere gemeente dan in het bericht (${gemeente})`, at);
    if (/^\d{8}$/.test(value) && value !== agb) throw new InputError(`StUF:${role} ${value} is een andere aanbieder dan in het bericht (${agb})`, at);
    // The right party in the wrong role: the envelope says the message goes the other way.
    const isGemeente = /^\d{4}$/.test(value);
    if ((isGemeente || /^\d{8}$/.test(value)) && isGemeente !== (role === 'zender' ? gemeenteSends : !gemeenteSends)) {
      throw new InputError(`StUF:${role} ${value} klopt niet met de richting van ${message.bericht}: dat bericht wordt verstuurd door ${party(true)} aan ${party(false)}`, at);
    }
  }
  return { envelope, message };
}

/** Wraps a message in a StUF GGk envelope (for tests and tools that need one). */
export function wrapInStuf(message: Uint8Array | string, opts: { functie: string; zender: string; ontvanger: string; retour?: boolean; referentienummer?: string }): string {
  const kind = opts.retour ? 'Du01' : 'Di01';
  const root = opts.retour ? 'envelopRetourbericht-ggk_Du01' : 'envelopHeenbericht-ggk_Di01';
  const b64 = Buffer.from(message).toString('base64');
  const ref = opts.referentienummer ?? '9c0f7b90-5c69-11e5-a837-0800200c9a66';
  return `<?xml version="1.0" encoding="UTF-8"?>
<GGK:${root} xmlns:StUF="${STUF_NS}" xmlns:GGK="${GGK_NS}" xmlns:xmime="http://www.w3.org/2005/05/xmlmime">
  <GGK:stuurgegevens>
    <StUF:berichtcode>${kind}</StUF:berichtcode>
    <StUF:zender><StUF:organisatie>${opts.zender}</StUF:organisatie><StUF:applicatie>Koers</StUF:applicatie></StUF:zender>
    <StUF:ontvanger><StUF:organisatie>${opts.ontvanger}</StUF:organisatie><StUF:applicatie>GGk</StUF:applicatie></StUF:ontvanger>
    <StUF:referentienummer>${ref}</StUF:referentienummer>
    <StUF:tijdstipBericht>20240101120000</StUF:tijdstipBericht>${opts.retour ? `\n    <StUF:crossRefnummer>${ref}</StUF:crossRefnummer>` : ''}
    <StUF:functie>${opts.functie}</StUF:functie>
  </GGK:stuurgegevens>
  <GGK:parameters>
    <GGK:applicatieVersie>0001</GGK:applicatieVersie>
    <GGK:applicatieSubversie>0001</GGK:applicatieSubversie>
    <GGK:functieVersie>0003</GGK:functieVersie>
    <GGK:functieSubversie>0002</GGK:functieSubversie>
    <GGK:bericht StUF:bestandsnaam="${opts.functie}.xml" xmime:contentType="application/xml">${b64}</GGK:bericht>
  </GGK:parameters>
</GGK:${root}>
`;
}
