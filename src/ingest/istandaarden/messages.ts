import type { XsdValidator } from 'libxml2-wasm';
import { isIsoDate } from '../../model/dates.js';
import { isValidBsn } from '../../privacy/bsn.js';
import { InputError } from '../errors.js';
import {
  BERICHTCODE, DEBET_CREDIT, EENHEID, FREQUENTIE, GEMEENTE_IS_AFZENDER, LAW_OF, PREFIX_OF, REDEN_AFWIJZING_VERZOEK, REDEN_VERZOEK, RETOURCODE,
  RETOUR_OF, STATUS_AANLEVERING, SUPPORTED_RELEASE, SUPPORTED_TYPES, TYPE_VERWIJZER, VERZOEK_ANTWOORD, isRetourType, parseNamespace,
  type DebetCredit, type Law, type MessageType, type RetourType, type Standard,
} from './codes.js';
import { child, children, parseChecked, preflightXml, sniffRoot, type Node } from './xml.js';

/**
 * Typed readers for every iWmo/iJw 3.2 message (301/302, 305/306, 307/308, 315/316, 317/318,
 * 319/320, 323, 325), written from the specification (the XSDs and the iJw rules). They return
 * the fields Koers needs; the BSN is returned only so the import edge can pseudonymise it at
 * once — it is never stored, logged or put in an error.
 */

export interface MessageHeader {
  berichtcode: number;
  /** As in the header. A retour message keeps the Afzender/Ontvanger of the heenbericht it answers. */
  afzender: string;
  ontvanger: string;
  /** BerichtIdentificatie. In a retour message (302…320) this identifies the heenbericht it answers. */
  identificatie: string;
  dagtekening: string;
}

export interface ClientInfo {
  bsn: string;
  geboortedatum: string | null; // YYYY-MM-DD, or YYYY-MM-00 style partial dates are reduced to year
  geboortejaar: number | null;
  geboortemaand: number | null;
  /** null when the message carries no Geslacht (317, 323, 325 carry only the Bsn). */
  geslacht: 'M' | 'V' | 'O' | null;
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
  /**
   * null in the taakgericht variant (IV096): the start/stop then refers to Product + Begindatum, and
   * the trajectory builder links it to the person's toewijzing for that product and aanbieder.
   */
  toewijzingNummer: string | null;
  categorie: string | null;
  productcode: string | null;
  toewijzingIngangsdatum: string | null;
  begindatum: string;
  einddatum: string | null;
  redenBeeindiging: string | null;
  statusAanlevering: string;
}

/** 315: one AangevraagdProduct (the request is keyed by ReferentieAanbieder). */
export interface AangevraagdProduct {
  referentieAanbieder: string;
  beschikkingNummer: string | null;
  categorie: string | null;
  productcode: string | null;
  beschikkingIngangsdatum: string | null;
  /** Requested start and end of the toewijzing. */
  toewijzingIngangsdatum: string;
  toewijzingEinddatum: string | null;
  volume: number | null;
  eenheid: string | null;
  frequentie: string | null;
  budget: number | null;
  /** TypeVerwijzer (the referrer's name and AGB are not kept). */
  verwijzerType: string;
  raamcontract: boolean | null;
}

/** 317: one product of the desired situation. */
export interface VerzoekProduct {
  kind: 'ongewijzigd' | 'te_wijzigen' | 'nieuw';
  toewijzingNummer: string | null; // ongewijzigd / te_wijzigen
  categorie: string | null; // nieuw
  productcode: string | null; // nieuw
  gewensteIngangsdatum: string | null;
  einddatum: string | null;
  volume: number | null;
  eenheid: string | null;
  frequentie: string | null;
  budget: number | null;
}
export interface Verzoek { referentieAanbieder: string; redenVerzoek: string; producten: VerzoekProduct[] }

/** 319: the answer to a 315 or 317, linked by ReferentieAanbieder. */
export interface VerzoekAntwoordInfo {
  referentieAanbieder: string;
  verzoekAntwoord: '1' | '2';
  redenAfwijzing: string | null;
  /** iJw only: the gemeente that is responsible under the woonplaatsbeginsel (with reden 8). */
  woonplaatsGemeente: string | null;
}

export interface Bedrag { bedrag: number; debetCredit: DebetCredit }

export interface Prestatie {
  referentieNummer: string;
  vorigReferentieNummer: string | null;
  toewijzingNummer: string;
  categorie: string;
  productcode: string;
  periodeBegin: string;
  periodeEind: string;
  geleverdVolume: number;
  eenheid: string;
  /** Eurocent per unit (may be absent, e.g. for eenheid 83). */
  productTarief: number | null;
  /** IngediendBedrag in eurocent with D/C. */
  ingediend: Bedrag;
}
export interface Declaratie {
  declaratieNummer: string;
  periodeBegin: string;
  periodeEind: string;
  declaratieDagtekening: string;
  totaalIngediend: Bedrag;
  clienten: { client: ClientInfo; prestaties: Prestatie[] }[];
}

export interface PrestatieAntwoord extends Prestatie { retourCodes: string[] }
export interface DeclaratieAntwoord {
  declaratieNummer: string;
  totaalIngediend: Bedrag;
  totaalToegekend: Bedrag;
  retourCodes: string[];
  /** Only clients with rejected prestaties are returned (OP303/OP304): a prestatie not listed was granted. */
  clienten: { client: ClientInfo; retourCodes: string[]; prestaties: PrestatieAntwoord[] }[];
}

/** A class in a retour message that carries RetourCodes. */
export interface RetourItem {
  /** Element name: ToegewezenProduct, StartProduct, AangevraagdProduct, Verzoek, NieuwProduct, Antwoord, Contact, Relatie, … */
  level: string;
  /** What it is about: ToewijzingNummer, ToewijzingNummer|Begindatum, ReferentieAanbieder, … (never personal data). */
  key: string;
  codes: string[];
}
export interface RetourInfo {
  /** The heenbericht type this retour answers (header.identificatie/dagtekening identify that message). */
  answers: MessageType;
  /** This retour message's own identification and date (IdentificatieRetour, DagtekeningRetour). */
  identificatie: string;
  dagtekening: string;
  headerCodes: string[];
  clientCodes: string[];
  items: RetourItem[];
}

interface Base { standard: Standard; law: Law; bericht: string; header: MessageHeader }
export type ParsedMessage =
  | (Base & { type: '301'; client: ClientInfo; producten: ToegewezenProduct[] })
  | (Base & { type: '305'; client: ClientInfo; producten: LeveringProduct[] })
  | (Base & { type: '307'; client: ClientInfo; producten: LeveringProduct[] })
  | (Base & { type: '315'; client: ClientInfo; producten: AangevraagdProduct[] })
  | (Base & { type: '317'; client: ClientInfo; verzoek: Verzoek })
  | (Base & { type: '319'; antwoord: VerzoekAntwoordInfo })
  | (Base & { type: '323'; declaratie: Declaratie })
  | (Base & { type: '325'; declaratieIdentificatie: { identificatie: string; dagtekening: string }; retourCodes: string[]; antwoord: DeclaratieAntwoord | null })
  | (Base & { type: RetourType; client: ClientInfo | null; retour: RetourInfo });

export interface ReadOptions {
  /** Returns the official XSD validator for a message (e.g. 'iwmo', 'WMO301'), or null. */
  xsd?: ((standard: Standard, bericht: string) => XsdValidator | null) | null;
}

/** Identifies a message from its root element (local name and namespace) without reading the rest. */
export function identify(root: Pick<Node, 'name' | 'ns' | 'line'>): { standard: Standard; type: MessageType; bericht: string } {
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

/**
 * Reads one iWmo/iJw 3.2 message. The root element is found by a cheap scan of the text, so the
 * right XSD is known before the single libxml2 parse (which validates when a validator is given).
 */
export function readMessage(bytes: Uint8Array, opts: ReadOptions = {}): ParsedMessage {
  try {
    return read(bytes, opts);
  } catch (e) {
    if (e instanceof InputError) throw scrubbed(e);
    throw e;
  }
}

function read(bytes: Uint8Array, opts: ReadOptions): ParsedMessage {
  const text = preflightXml(bytes);
  // The scan does not recognise the start of the document: let the parser find the root (or say why not).
  const sniffed = sniffRoot(text) ?? rootOf(parseChecked(bytes));
  const id = identify(sniffed);
  if (!SUPPORTED_TYPES.includes(id.type)) throw new InputError(`${id.bericht} wordt herkend, maar niet verwerkt`, `regel ${sniffed.line}`);
  const validator = opts.xsd?.(id.standard, id.bericht) ?? null;
  const root = parseChecked(bytes, validator);
  const { standard, type, bericht } = identify(root);
  if (bericht !== id.bericht) throw new InputError(`het root-element kon niet eenduidig worden gelezen (${id.bericht} of ${bericht})`, `regel ${root.line}`);
  const r = new Reader(bericht);
  const header = readHeader(r, root, standard, type);
  const base = { standard, law: LAW_OF[standard], bericht, header };
  switch (type) {
    case '301': {
      const c = r.req(root, 'Client', '');
      const client = readClient(r, c, type, '/Client');
      const list = r.req(c, 'ToegewezenProducten', '/Client');
      const producten = children(list, 'ToegewezenProduct').map((p, i) => readToegewezen(r, p, `/Client/ToegewezenProducten/ToegewezenProduct[${i + 1}]`));
      if (!producten.length) throw new InputError('geen ToegewezenProduct in het bericht', `regel ${list.line}`);
      return { ...base, type, client, producten };
    }
    case '305':
    case '307': {
      const c = r.req(root, 'Client', '');
      const client = readClient(r, c, type, '/Client');
      const listName = type === '305' ? 'StartProducten' : 'StopProducten';
      const itemName = type === '305' ? 'StartProduct' : 'StopProduct';
      const list = r.req(c, listName, '/Client');
      const producten = children(list, itemName).map((p, i) => readLevering(r, p, `/Client/${listName}/${itemName}[${i + 1}]`, type));
      if (!producten.length) throw new InputError(`geen ${itemName} in het bericht`, `regel ${list.line}`);
      return type === '305' ? { ...base, type, client, producten } : { ...base, type, client, producten };
    }
    case '315': {
      const c = r.req(root, 'Client', '');
      const client = readClient(r, c, type, '/Client');
      const list = r.req(c, 'AangevraagdeProducten', '/Client');
      const producten = children(list, 'AangevraagdProduct').map((p, i) => readAangevraagd(r, p, `/Client/AangevraagdeProducten/AangevraagdProduct[${i + 1}]`));
      if (!producten.length) throw new InputError('geen AangevraagdProduct in het bericht', `regel ${list.line}`);
      const refs = new Set<string>();
      producten.forEach((p, i) => {
        if (refs.has(p.referentieAanbieder)) throw new InputError(`ReferentieAanbieder "${p.referentieAanbieder}" komt twee keer voor in het bericht (TR383)`, r.loc(children(list, 'AangevraagdProduct')[i]!, `/Client/AangevraagdeProducten/AangevraagdProduct[${i + 1}]/ReferentieAanbieder`));
        refs.add(p.referentieAanbieder);
      });
      return { ...base, type, client, producten };
    }
    case '317': {
      const c = r.req(root, 'Client', '');
      return { ...base, type, client: readClient(r, c, type, '/Client'), verzoek: readVerzoek(r, r.req(c, 'Verzoek', '/Client'), '/Client/Verzoek') };
    }
    case '319':
      return { ...base, type, antwoord: readAntwoord(r, r.req(root, 'Antwoord', ''), '/Antwoord') };
    case '323':
      return { ...base, type, declaratie: readDeclaratie(r, r.req(root, 'Declaratie', ''), '/Declaratie') };
    case '325': {
      const h = child(root, 'Header')!;
      const di = r.req(h, 'DeclaratieIdentificatie', '/Header');
      const declaratieIdentificatie = { identificatie: r.text(di, 'Identificatie', '/Header/DeclaratieIdentificatie'), dagtekening: r.date(di, 'Dagtekening', '/Header/DeclaratieIdentificatie') };
      const retourCodes = r.codes(h, '/Header', true);
      const a = child(root, 'DeclaratieAntwoord');
      return { ...base, type, declaratieIdentificatie, retourCodes, antwoord: a ? readDeclaratieAntwoord(r, a, '/DeclaratieAntwoord') : null };
    }
    default: {
      if (!isRetourType(type)) throw new InputError(`${bericht} wordt niet ondersteund`);
      const h = child(root, 'Header')!;
      const c = child(root, 'Client');
      const body = c ?? child(root, 'Antwoord');
      const retour: RetourInfo = {
        answers: RETOUR_OF[type],
        identificatie: r.text(h, 'IdentificatieRetour', '/Header'),
        dagtekening: r.date(h, 'DagtekeningRetour', '/Header'),
        headerCodes: r.codes(h, '/Header', false),
        clientCodes: c ? r.codes(c, '/Client', false) : [],
        items: body ? retourItems(r, body, `/${body.name}`) : [],
      };
      return { ...base, type, client: c ? readClient(r, c, type, '/Client') : null, retour };
    }
  }
}

function rootOf(n: Node): Pick<Node, 'name' | 'ns' | 'line'> { return { name: n.name, ns: n.ns, line: n.line }; }

/** Never let a BSN reach an error message: mask every 9-digit number that passes the elfproef. */
function scrubbed(e: InputError): InputError {
  const scrub = (s: string | null) => (s === null ? null : s.replace(/(?<!\d)\d{9}(?!\d)/g, (m) => (isValidBsn(m) ? '*********' : m)));
  let reason = scrub(e.reason)!;
  // An XSD error on the Bsn element echoes its (invalid) value: hide any digits there too.
  if (/Bsn/.test(reason) || /Bsn/.test(e.location ?? '')) reason = reason.replace(/\d{6,}/g, '*********');
  const location = scrub(e.location);
  return reason === e.reason && location === e.location ? e : new InputError(reason, location);
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
  /** A value from a code table in codes.ts. */
  code<T extends string>(parent: Node, name: string, path: string, table: Readonly<Record<T, string>>): T {
    const v = this.text(parent, name, path);
    if (!Object.hasOwn(table, v)) throw new InputError(`${name} "${v}" is onbekend (toegestaan: ${Object.keys(table).join(', ')})`, this.loc(child(parent, name)!, `${path}/${name}`));
    return v as T;
  }
  optCode<T extends string>(parent: Node, name: string, path: string, table: Readonly<Record<T, string>>): T | null {
    return child(parent, name)?.text ? this.code(parent, name, path, table) : null;
  }
  /** A non-negative whole number (volumes, amounts in eurocent). */
  int(parent: Node, name: string, path: string): number {
    const v = this.text(parent, name, path);
    if (!/^\d{1,15}$/.test(v)) throw new InputError(`${name} "${v}" is geen geheel getal van 0 of meer`, this.loc(child(parent, name)!, `${path}/${name}`));
    return Number(v);
  }
  optInt(parent: Node, name: string, path: string): number | null {
    return child(parent, name)?.text ? this.int(parent, name, path) : null;
  }
  /** The RetourCode values of parent/RetourCodes, each checked against the code table. */
  codes(parent: Node, path: string, required: boolean): string[] {
    const rc = child(parent, 'RetourCodes');
    if (!rc) {
      if (required) throw new InputError('verplicht element RetourCodes ontbreekt', this.loc(parent, path));
      return [];
    }
    const out = children(rc, 'RetourCode').map((n, i) => {
      if (!Object.hasOwn(RETOURCODE, n.text)) throw new InputError(`RetourCode "${n.text}" is onbekend`, this.loc(n, `${path}/RetourCodes/RetourCode[${i + 1}]`));
      return n.text;
    });
    if (!out.length) throw new InputError('RetourCodes zonder RetourCode', this.loc(rc, `${path}/RetourCodes`));
    return out;
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
  const fromGemeente = GEMEENTE_IS_AFZENDER[type];
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

function readClient(r: Reader, c: Node, type: MessageType, path: string): ClientInfo {
  const bsnNode = r.req(c, 'Bsn', path);
  // Never echo the value: it is a BSN (or meant to be one).
  if (!isValidBsn(bsnNode.text)) throw new InputError('Bsn is ongeldig (9 cijfers met elfproef verwacht)', r.loc(bsnNode, `${path}/Bsn`));
  const gd = child(c, 'Geboortedatum');
  const datum = gd ? child(gd, 'Datum')?.text ?? null : null;
  let geboortedatum: string | null = null;
  let geboortejaar: number | null = null;
  let geboortemaand: number | null = null;
  if (datum) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(datum)) throw new InputError(`Geboortedatum "${datum}" is geen datum`, r.loc(gd!, `${path}/Geboortedatum/Datum`));
    geboortejaar = Number(datum.slice(0, 4));
    const month = Number(datum.slice(5, 7));
    geboortemaand = month >= 1 && month <= 12 ? month : null;
    geboortedatum = isIsoDate(datum) ? datum : null;
  }
  const gNode = child(c, 'Geslacht');
  const g = gNode?.text ?? null;
  const geslacht = !gNode ? null : g === '1' ? 'M' : g === '2' ? 'V' : 'O';
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

/** Omvang (Volume, Eenheid, Frequentie) and Budget, checked against the code tables. */
function readOmvang(r: Reader, p: Node, path: string): { volume: number | null; eenheid: string | null; frequentie: string | null; budget: number | null } {
  const omvang = child(p, 'Omvang');
  return {
    volume: omvang ? r.int(omvang, 'Volume', `${path}/Omvang`) : null,
    eenheid: omvang ? r.code(omvang, 'Eenheid', `${path}/Omvang`, EENHEID) : null,
    frequentie: omvang ? r.code(omvang, 'Frequentie', `${path}/Omvang`, FREQUENTIE) : null,
    budget: r.optInt(p, 'Budget', path),
  };
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
  if (!Object.hasOwn(STATUS_AANLEVERING, status)) throw new InputError(`StatusAanlevering "${status}" is onbekend (1, 2, 3 of 9)`, r.loc(child(p, 'StatusAanlevering')!, `${path}/StatusAanlevering`));
  // ToewijzingNummer is optional in the 3.2 XSD (taakgericht: keyed by Product + Begindatum, IV096);
  // when the element is there it may not be empty.
  const nummerNode = child(p, 'ToewijzingNummer');
  if (nummerNode && !nummerNode.text) throw new InputError('element ToewijzingNummer is leeg', r.loc(nummerNode, `${path}/ToewijzingNummer`));
  if (productcode && !categorie) throw new InputError('Product heeft een Code maar geen Categorie', r.loc(child(p, 'Product')!, `${path}/Product`));
  return {
    toewijzingNummer: nummerNode ? nummerNode.text : null,
    categorie,
    productcode,
    toewijzingIngangsdatum: r.optDate(p, 'ToewijzingIngangsdatum', path),
    begindatum,
    einddatum,
    redenBeeindiging: type === '307' ? r.text(p, 'RedenBeeindiging', path) : null,
    statusAanlevering: status,
  };
}

function readAangevraagd(r: Reader, p: Node, path: string): AangevraagdProduct {
  const { categorie, productcode } = readProduct(p);
  const ingang = r.date(p, 'ToewijzingIngangsdatum', path);
  const eind = r.optDate(p, 'ToewijzingEinddatum', path);
  if (eind && eind < ingang) throw new InputError(`ToewijzingEinddatum ${eind} ligt voor ToewijzingIngangsdatum ${ingang}`, r.loc(child(p, 'ToewijzingEinddatum')!, `${path}/ToewijzingEinddatum`));
  const verwijzer = r.req(p, 'Verwijzer', path);
  const raam = r.opt(p, 'Raamcontract');
  return {
    referentieAanbieder: r.text(p, 'ReferentieAanbieder', path),
    beschikkingNummer: r.opt(p, 'BeschikkingNummer'),
    categorie,
    productcode,
    beschikkingIngangsdatum: r.optDate(p, 'BeschikkingIngangsdatum', path),
    toewijzingIngangsdatum: ingang,
    toewijzingEinddatum: eind,
    ...readOmvang(r, p, path),
    verwijzerType: r.code(verwijzer, 'Type', `${path}/Verwijzer`, TYPE_VERWIJZER),
    raamcontract: raam === null ? null : raam === '1',
  };
}

function readVerzoek(r: Reader, v: Node, path: string): Verzoek {
  const producten: VerzoekProduct[] = [];
  const lists = [['OngewijzigdeProducten', 'OngewijzigdProduct', 'ongewijzigd'], ['TeWijzigenProducten', 'TeWijzigenProduct', 'te_wijzigen'], ['NieuweProducten', 'NieuwProduct', 'nieuw']] as const;
  for (const [listName, itemName, kind] of lists) {
    const list = child(v, listName);
    if (!list) continue;
    children(list, itemName).forEach((p, i) => {
      const pp = `${path}/${listName}/${itemName}[${i + 1}]`;
      const empty = { volume: null, eenheid: null, frequentie: null, budget: null };
      if (kind === 'ongewijzigd') {
        producten.push({ kind, toewijzingNummer: r.text(p, 'ToewijzingNummer', pp), categorie: null, productcode: null, gewensteIngangsdatum: null, einddatum: null, ...empty });
        return;
      }
      const ingang = r.date(p, 'GewensteIngangsdatum', pp);
      const eind = r.optDate(p, 'Einddatum', pp);
      const { categorie, productcode } = kind === 'nieuw' ? readProduct(p) : { categorie: null, productcode: null };
      producten.push({ kind, toewijzingNummer: kind === 'te_wijzigen' ? r.text(p, 'ToewijzingNummer', pp) : null, categorie, productcode, gewensteIngangsdatum: ingang, einddatum: eind, ...readOmvang(r, p, pp) });
    });
  }
  // TR352/TR353: at least one product that exists and at least one that changes.
  if (!producten.some((p) => p.kind !== 'nieuw')) throw new InputError('een verzoek om wijziging noemt minstens één OngewijzigdProduct of TeWijzigenProduct (TR352)', r.loc(v, path));
  if (!producten.some((p) => p.kind !== 'ongewijzigd')) throw new InputError('een verzoek om wijziging noemt minstens één TeWijzigenProduct of NieuwProduct (TR353)', r.loc(v, path));
  return { referentieAanbieder: r.text(v, 'ReferentieAanbieder', path), redenVerzoek: r.code(v, 'RedenVerzoek', path, REDEN_VERZOEK), producten };
}

function readAntwoord(r: Reader, a: Node, path: string): VerzoekAntwoordInfo {
  const verzoekAntwoord = r.code(a, 'VerzoekAntwoord', path, VERZOEK_ANTWOORD);
  const redenAfwijzing = r.optCode(a, 'RedenAfwijzingVerzoek', path, REDEN_AFWIJZING_VERZOEK);
  // CD085: a refusal names its reason; "in onderzoek" has none.
  if (verzoekAntwoord === '1' && !redenAfwijzing) throw new InputError('VerzoekAntwoord 1 (verzoek afgewezen) zonder RedenAfwijzingVerzoek (CD085)', r.loc(a, path));
  const wpb = child(a, 'Woonplaatsbeginsel');
  return {
    referentieAanbieder: r.text(a, 'ReferentieAanbieder', path),
    verzoekAntwoord,
    redenAfwijzing: verzoekAntwoord === '1' ? redenAfwijzing : null,
    woonplaatsGemeente: wpb ? r.pattern(wpb, 'Gemeente', `${path}/Woonplaatsbeginsel`, /^\d{4}$/, 'gemeentecode van 4 cijfers') : null,
  };
}

function readBedrag(r: Reader, parent: Node, name: string, path: string, amount: 'Bedrag' | 'TotaalBedrag'): Bedrag {
  const b = r.req(parent, name, path);
  return { bedrag: r.int(b, amount, `${path}/${name}`), debetCredit: r.code(b, 'DebetCredit', `${path}/${name}`, DEBET_CREDIT) };
}

function readPrestatie(r: Reader, p: Node, path: string): Prestatie {
  const ref = r.req(p, 'ProductReferentie', path);
  const periode = r.req(p, 'ProductPeriode', path);
  const begin = r.date(periode, 'Begindatum', `${path}/ProductPeriode`);
  const eind = r.date(periode, 'Einddatum', `${path}/ProductPeriode`);
  if (eind < begin) throw new InputError(`Einddatum ${eind} ligt voor Begindatum ${begin}`, r.loc(child(periode, 'Einddatum')!, `${path}/ProductPeriode/Einddatum`));
  return {
    referentieNummer: r.text(ref, 'ReferentieNummer', `${path}/ProductReferentie`),
    vorigReferentieNummer: r.opt(ref, 'VorigReferentieNummer'),
    toewijzingNummer: r.text(p, 'ToewijzingNummer', path),
    categorie: r.text(p, 'ProductCategorie', path),
    productcode: r.text(p, 'ProductCode', path),
    periodeBegin: begin,
    periodeEind: eind,
    geleverdVolume: r.int(p, 'GeleverdVolume', path),
    eenheid: r.code(p, 'Eenheid', path, EENHEID),
    productTarief: r.optInt(p, 'ProductTarief', path),
    ingediend: readBedrag(r, p, 'IngediendBedrag', path, 'Bedrag'),
  };
}

function readDeclaratie(r: Reader, d: Node, path: string): Declaratie {
  const periode = r.req(d, 'DeclaratiePeriode', path);
  const clientList = r.req(d, 'Clienten', path);
  // TR315/TR316 (whole message, retourcode 0001): a VorigReferentieNummer occurs once, and never
  // credits a debet of the same message. A ReferentieNummer used twice (TR314) is judged per
  // prestatie by the gemeente (8021), so it is stored; declaratie_current counts the first.
  const refs = new Set<string>();
  const vorige = new Map<string, { node: Node; path: string }>();
  const clienten = children(clientList, 'Client').map((c, i) => {
    const cp = `${path}/Clienten/Client[${i + 1}]`;
    const client = readClient(r, c, '323', cp);
    const prestaties = children(r.req(c, 'Prestaties', cp), 'Prestatie').map((p, j) => {
      const pp = `${cp}/Prestaties/Prestatie[${j + 1}]`;
      const pr = readPrestatie(r, p, pp);
      refs.add(pr.referentieNummer);
      if (pr.vorigReferentieNummer) {
        if (vorige.has(pr.vorigReferentieNummer)) throw new InputError(`VorigReferentieNummer "${pr.vorigReferentieNummer}" komt twee keer voor in de declaratie (TR315)`, r.loc(p, `${pp}/ProductReferentie`));
        vorige.set(pr.vorigReferentieNummer, { node: p, path: pp });
      }
      return pr;
    });
    if (!prestaties.length) throw new InputError('Client zonder Prestatie', r.loc(c, cp));
    return { client, prestaties };
  });
  for (const [v, at] of vorige) {
    if (refs.has(v)) throw new InputError(`de prestatie crediteert een debetregel uit hetzelfde bericht (VorigReferentieNummer "${v}", TR316)`, r.loc(at.node, `${at.path}/ProductReferentie`));
  }
  if (!clienten.length) throw new InputError('geen Client in de declaratie', r.loc(clientList, `${path}/Clienten`));
  return {
    declaratieNummer: r.text(d, 'DeclaratieNummer', path),
    periodeBegin: r.date(periode, 'Begindatum', `${path}/DeclaratiePeriode`),
    periodeEind: r.date(periode, 'Einddatum', `${path}/DeclaratiePeriode`),
    declaratieDagtekening: r.date(d, 'DeclaratieDagtekening', path),
    totaalIngediend: readBedrag(r, d, 'TotaalIngediendBedrag', path, 'TotaalBedrag'),
    clienten,
  };
}

function readDeclaratieAntwoord(r: Reader, a: Node, path: string): DeclaratieAntwoord {
  const list = child(a, 'Clienten');
  const clienten = (list ? children(list, 'Client') : []).map((c, i) => {
    const cp = `${path}/Clienten/Client[${i + 1}]`;
    return {
      client: readClient(r, c, '325', cp),
      retourCodes: r.codes(c, cp, true),
      prestaties: children(r.req(c, 'Prestaties', cp), 'Prestatie').map((p, j) => {
        const pp = `${cp}/Prestaties/Prestatie[${j + 1}]`;
        return { ...readPrestatie(r, p, pp), retourCodes: r.codes(p, pp, true) };
      }),
    };
  });
  return {
    declaratieNummer: r.text(a, 'DeclaratieNummer', path),
    totaalIngediend: readBedrag(r, a, 'TotaalIngediendBedrag', path, 'TotaalBedrag'),
    totaalToegekend: readBedrag(r, a, 'TotaalToegekendBedrag', path, 'TotaalBedrag'),
    retourCodes: r.codes(a, path, true),
    clienten,
  };
}

/** What a retour class is about, as a key without personal data. */
function retourKey(n: Node, index: number): string {
  const t = (name: string) => child(n, name)?.text ?? '';
  switch (n.name) {
    case 'ToegewezenProduct': case 'OngewijzigdProduct': case 'TeWijzigenProduct': return t('ToewijzingNummer');
    case 'StartProduct': case 'StopProduct': {
      if (child(n, 'ToewijzingNummer')) return `${t('ToewijzingNummer')}|${t('Begindatum')}`;
      // Taakgericht (IV096): the key is Product + Begindatum.
      const p = child(n, 'Product');
      return `${(p && child(p, 'Categorie')?.text) ?? ''}|${(p && child(p, 'Code')?.text) ?? ''}|${t('Begindatum')}`;
    }
    case 'AangevraagdProduct': case 'Verzoek': case 'Antwoord': return t('ReferentieAanbieder');
    case 'NieuwProduct': { const p = child(n, 'Product'); return `${(p && child(p, 'Categorie')?.text) ?? ''}|${(p && child(p, 'Code')?.text) ?? ''}|${t('GewensteIngangsdatum')}`; }
    default: return `${n.name}[${index}]`; // Contact, Relatie: position only
  }
}

/** Every class below the body (Client or Antwoord) that carries RetourCodes, depth first. */
function retourItems(r: Reader, body: Node, path: string): RetourItem[] {
  const out: RetourItem[] = [];
  const walk = (n: Node, p: string, isBody: boolean) => {
    const counts = new Map<string, number>();
    for (const c of n.children) {
      if (c.name === 'RetourCodes' || !c.children.length) continue;
      const i = (counts.get(c.name) ?? 0) + 1;
      counts.set(c.name, i);
      const cp = `${p}/${c.name}[${i}]`;
      if (child(c, 'RetourCodes')) out.push({ level: c.name, key: retourKey(c, i), codes: r.codes(c, cp, true) });
      walk(c, cp, false);
    }
    if (isBody && body.name === 'Antwoord') out.unshift({ level: 'Antwoord', key: retourKey(body, 1), codes: r.codes(body, path, true) });
  };
  walk(body, path, true);
  return out;
}
