import type { XsdValidator } from 'libxml2-wasm';
import { isIsoDate } from '../../model/dates.js';
import { isValidBsn } from '../../privacy/bsn.js';
import { InputError } from '../errors.js';
import { BERICHTCODE, LAW_OF, PREFIX_OF, SUPPORTED_RELEASE, SUPPORTED_TYPES, parseNamespace, type MessageType, type Standard } from './codes.js';
import { child, children, parseXml, type Node } from './xml.js';

/**
 * Typed readers for iWmo/iJw 3.2 messages 301, 305 and 307, written from the specification.
 * They return the fields Koers needs; the BSN is returned only so the import edge can
 * pseudonymise it at once — it is never stored, logged or put in an error.
 */

export interface MessageHeader {
  berichtcode: number;
  afzender: string;
  ontvanger: string;
  identificatie: string;
  dagtekening: string;
}

export interface ClientInfo {
  bsn: string;
  geboortedatum: string | null; // YYYY-MM-DD, or YYYY-MM-00 style partial dates are reduced to year
  geboortejaar: number | null;
  geboortemaand: number | null;
  geslacht: 'M' | 'V' | 'O';
  /** BRP address (postcode + house number), when the message carries one (301). */
  adres: { postcode: string; huisnummer: string; huisletter: string; toevoeging: string } | null;
}

export interface ToegewezenProduct {
  toewijzingNummer: string;
  referentieAanbieder: string | null;
  categorie: string | null;
  productcode: string | null;
  toewijzingsdatum: string;
  toewijzingstijd: string;
  ingangsdatum: string;
  einddatum: string | null;
  redenWijziging: string | null;
  volume: number | null;
  eenheid: string | null;
  frequentie: string | null;
  budget: number | null;
}

export interface LeveringProduct {
  toewijzingNummer: string;
  categorie: string | null;
  productcode: string | null;
  toewijzingIngangsdatum: string | null;
  begindatum: string;
  einddatum: string | null;
  redenBeeindiging: string | null;
  statusAanlevering: string;
}

interface Base { standard: Standard; law: 'wmo' | 'jeugd'; bericht: string; header: MessageHeader; client: ClientInfo }
export type ParsedMessage =
  | (Base & { type: '301'; producten: ToegewezenProduct[] })
  | (Base & { type: '305'; producten: LeveringProduct[] })
  | (Base & { type: '307'; producten: LeveringProduct[] });

export interface ReadOptions {
  /** Returns the official XSD validator for a message (e.g. 'iwmo', 'WMO301'), or null. */
  xsd?: ((standard: Standard, bericht: string) => XsdValidator | null) | null;
}

/** Identifies a message from its root element without reading the rest. */
export function identify(root: Node): { standard: Standard; type: MessageType; bericht: string } {
  const info = parseNamespace(root.ns);
  if (root.name !== 'Bericht' || !info) {
    throw new InputError(`dit is geen iWmo- of iJw-bericht (root-element "${root.name}"${root.ns ? ` in namespace ${root.ns}` : ' zonder namespace'})`, `regel ${root.line}`);
  }
  const bericht = `${PREFIX_OF[info.standard]}${info.type}`;
  if (info.release !== SUPPORTED_RELEASE) {
    throw new InputError(`${bericht} uit release ${info.standard === 'iwmo' ? 'iWmo' : 'iJw'} ${info.release} wordt niet ondersteund; Koers leest release ${SUPPORTED_RELEASE}`, `regel ${root.line}`);
  }
  if (!(info.type in BERICHTCODE[info.standard])) throw new InputError(`onbekend berichttype ${bericht}`, `regel ${root.line}`);
  return { standard: info.standard, type: info.type as MessageType, bericht };
}

export function readMessage(bytes: Uint8Array, opts: ReadOptions = {}): ParsedMessage {
  // A first parse without schema tells which schema applies; validation then runs on the same bytes.
  let root = parseXml(bytes);
  const { standard, type, bericht } = identify(root);
  if (!SUPPORTED_TYPES.includes(type)) {
    throw new InputError(`${bericht} wordt herkend, maar deze versie van Koers verwerkt alleen 301, 305 en 307`, `regel ${root.line}`);
  }
  const validator = opts.xsd?.(standard, bericht);
  if (validator) root = parseXml(bytes, validator);
  const r = new Reader(bericht);
  const header = readHeader(r, root, standard, type);
  const clientNode = r.req(root, 'Client', `/${bericht}`);
  const client = readClient(r, clientNode, type);
  const base = { standard, law: LAW_OF[standard], bericht, header, client };
  if (type === '301') {
    const list = r.req(clientNode, 'ToegewezenProducten', '/Client');
    const producten = children(list, 'ToegewezenProduct').map((p, i) => readToegewezen(r, p, `/Client/ToegewezenProducten/ToegewezenProduct[${i + 1}]`));
    if (!producten.length) throw new InputError('geen ToegewezenProduct in het bericht', `regel ${list.line}`);
    return { ...base, type, producten };
  }
  if (type !== '305' && type !== '307') throw new InputError(`${bericht} wordt niet ondersteund`);
  const listName = type === '305' ? 'StartProducten' : 'StopProducten';
  const itemName = type === '305' ? 'StartProduct' : 'StopProduct';
  const list = r.req(clientNode, listName, '/Client');
  const producten = children(list, itemName).map((p, i) => readLevering(r, p, `/Client/${listName}/${itemName}[${i + 1}]`, type));
  if (!producten.length) throw new InputError(`geen ${itemName} in het bericht`, `regel ${list.line}`);
  return { ...base, type, producten };
}

class Reader {
  constructor(private readonly bericht: string) {}
  loc(node: Node, path: string) { return `${this.bericht}${path} (regel ${node.line})`; }
  req(parent: Node, name: string, path: string): Node {
    const n = child(parent, name);
    if (!n) throw new InputError(`verplicht element ${name} ontbreekt`, this.loc(parent, `${path}`));
    return n;
  }
  text(parent: Node, name: string, path: string): string {
    const n = this.req(parent, name, path);
    if (!n.text) throw new InputError(`element ${name} is leeg`, this.loc(n, `${path}/${name}`));
    return n.text;
  }
  opt(parent: Node, name: string): string | null {
    const n = child(parent, name);
    return n && n.text ? n.text : null;
  }
  date(parent: Node, name: string, path: string): string {
    const v = this.text(parent, name, path);
    if (!isIsoDate(v)) throw new InputError(`"${v}" is geen geldige datum (JJJJ-MM-DD)`, this.loc(child(parent, name)!, `${path}/${name}`));
    return v;
  }
  optDate(parent: Node, name: string, path: string): string | null {
    return child(parent, name)?.text ? this.date(parent, name, path) : null;
  }
  pattern(parent: Node, name: string, path: string, re: RegExp, what: string): string {
    const v = this.text(parent, name, path);
    if (!re.test(v)) throw new InputError(`${name} "${v}" is geen ${what}`, this.loc(child(parent, name)!, `${path}/${name}`));
    return v;
  }
}

function readHeader(r: Reader, root: Node, standard: Standard, type: MessageType): MessageHeader {
  const h = r.req(root, 'Header', '');
  const code = Number(r.text(h, 'BerichtCode', '/Header'));
  const expected = BERICHTCODE[standard][type];
  if (code !== expected) throw new InputError(`BerichtCode ${code} past niet bij de namespace (verwacht ${expected})`, r.loc(child(h, 'BerichtCode')!, '/Header/BerichtCode'));
  const versie = r.text(h, 'BerichtVersie', '/Header');
  const sub = r.text(h, 'BerichtSubversie', '/Header');
  if (`${versie}.${sub}` !== SUPPORTED_RELEASE) throw new InputError(`BerichtVersie ${versie}.${sub} wordt niet ondersteund; Koers leest ${SUPPORTED_RELEASE}`, r.loc(h, '/Header'));
  const fromGemeente = type === '301';
  const afzender = r.pattern(h, 'Afzender', '/Header', fromGemeente ? /^\d{4}$/ : /^\d{8}$/, fromGemeente ? 'gemeentecode van 4 cijfers' : 'AGB-code van 8 cijfers');
  const ontvanger = r.pattern(h, 'Ontvanger', '/Header', fromGemeente ? /^\d{8}$/ : /^\d{4}$/, fromGemeente ? 'AGB-code van 8 cijfers' : 'gemeentecode van 4 cijfers');
  const id = r.req(h, 'BerichtIdentificatie', '/Header');
  return {
    berichtcode: code,
    afzender,
    ontvanger,
    identificatie: r.text(id, 'Identificatie', '/Header/BerichtIdentificatie'),
    dagtekening: r.date(id, 'Dagtekening', '/Header/BerichtIdentificatie'),
  };
}

function readClient(r: Reader, c: Node, type: MessageType): ClientInfo {
  const bsnNode = r.req(c, 'Bsn', '/Client');
  // Never echo the value: it is a BSN (or meant to be one).
  if (!isValidBsn(bsnNode.text)) throw new InputError('Bsn is ongeldig (9 cijfers met elfproef verwacht)', r.loc(bsnNode, '/Client/Bsn'));
  const gd = child(c, 'Geboortedatum');
  const datum = gd ? child(gd, 'Datum')?.text ?? null : null;
  let geboortedatum: string | null = null;
  let geboortejaar: number | null = null;
  let geboortemaand: number | null = null;
  if (datum) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(datum)) throw new InputError(`Geboortedatum "${datum}" is geen datum`, r.loc(gd!, '/Client/Geboortedatum/Datum'));
    geboortejaar = Number(datum.slice(0, 4));
    const month = Number(datum.slice(5, 7));
    geboortemaand = month >= 1 && month <= 12 ? month : null;
    geboortedatum = isIsoDate(datum) ? datum : null;
  }
  const g = r.opt(c, 'Geslacht');
  const geslacht = g === '1' ? 'M' : g === '2' ? 'V' : 'O';
  let adres: ClientInfo['adres'] = null;
  if (type === '301') {
    const contacts = child(c, 'Contactgegevens') ? children(child(c, 'Contactgegevens')!, 'Contact') : [];
    // Prefer the BRP address (Soort 01), then any address.
    const withAdres = contacts.filter((k) => child(k, 'Adres'));
    const brp = withAdres.find((k) => child(k, 'Soort')?.text === '01') ?? withAdres[0];
    const a = brp ? child(brp, 'Adres') : undefined;
    if (a) {
      const huis = child(a, 'Huis');
      const postcode = (child(a, 'Postcode')?.text ?? '').replace(/\s+/g, '').toUpperCase();
      if (postcode) adres = { postcode, huisnummer: (huis && child(huis, 'Huisnummer')?.text) || '', huisletter: (huis && child(huis, 'Huisletter')?.text) || '', toevoeging: (huis && child(huis, 'HuisnummerToevoeging')?.text) || '' };
    }
  }
  return { bsn: bsnNode.text, geboortedatum, geboortejaar, geboortemaand, geslacht, adres };
}

function readProduct(p: Node): { categorie: string | null; productcode: string | null } {
  const prod = child(p, 'Product');
  return { categorie: (prod && child(prod, 'Categorie')?.text) || null, productcode: (prod && child(prod, 'Code')?.text) || null };
}

function num(v: string | null, r: Reader, p: Node, name: string, path: string): number | null {
  if (v === null) return null;
  if (!/^-?\d+$/.test(v)) throw new InputError(`${name} "${v}" is geen geheel getal`, r.loc(p, path));
  return Number(v);
}

function readToegewezen(r: Reader, p: Node, path: string): ToegewezenProduct {
  const { categorie, productcode } = readProduct(p);
  const omvang = child(p, 'Omvang');
  const ingangsdatum = r.date(p, 'Ingangsdatum', path);
  const einddatum = r.optDate(p, 'Einddatum', path);
  if (einddatum && einddatum < ingangsdatum) throw new InputError(`Einddatum ${einddatum} ligt voor Ingangsdatum ${ingangsdatum}`, r.loc(child(p, 'Einddatum')!, `${path}/Einddatum`));
  const tijd = r.opt(p, 'Toewijzingstijd') ?? '00:00:00';
  if (!/^\d{2}:\d{2}:\d{2}/.test(tijd)) throw new InputError(`Toewijzingstijd "${tijd}" is geen tijd`, r.loc(p, `${path}/Toewijzingstijd`));
  return {
    toewijzingNummer: r.text(p, 'ToewijzingNummer', path),
    referentieAanbieder: r.opt(p, 'ReferentieAanbieder'),
    categorie,
    productcode,
    toewijzingsdatum: r.date(p, 'Toewijzingsdatum', path),
    toewijzingstijd: tijd.slice(0, 8),
    ingangsdatum,
    einddatum,
    redenWijziging: r.opt(p, 'RedenWijziging'),
    volume: omvang ? num(child(omvang, 'Volume')?.text ?? null, r, omvang, 'Volume', `${path}/Omvang/Volume`) : null,
    eenheid: omvang ? child(omvang, 'Eenheid')?.text ?? null : null,
    frequentie: omvang ? child(omvang, 'Frequentie')?.text ?? null : null,
    budget: num(r.opt(p, 'Budget'), r, p, 'Budget', `${path}/Budget`),
  };
}

function readLevering(r: Reader, p: Node, path: string, type: '305' | '307'): LeveringProduct {
  const { categorie, productcode } = readProduct(p);
  const begindatum = r.date(p, 'Begindatum', path);
  const einddatum = type === '307' ? r.date(p, 'Einddatum', path) : null;
  if (einddatum && einddatum < begindatum) throw new InputError(`Einddatum ${einddatum} ligt voor Begindatum ${begindatum}`, r.loc(child(p, 'Einddatum')!, `${path}/Einddatum`));
  const status = r.text(p, 'StatusAanlevering', path);
  if (!['1', '2', '3', '9'].includes(status)) throw new InputError(`StatusAanlevering "${status}" is onbekend (1, 2, 3 of 9)`, r.loc(child(p, 'StatusAanlevering')!, `${path}/StatusAanlevering`));
  return {
    toewijzingNummer: r.text(p, 'ToewijzingNummer', path),
    categorie,
    productcode,
    toewijzingIngangsdatum: r.optDate(p, 'ToewijzingIngangsdatum', path),
    begindatum,
    einddatum,
    redenBeeindiging: type === '307' ? r.text(p, 'RedenBeeindiging', path) : null,
    statusAanlevering: status,
  };
}
