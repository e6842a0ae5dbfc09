/**
 * Reading one iWmo/iJw message file into what the importer stores (PreparedMessage): unwrap a StUF
 * envelope, parse and check the XML (the project's readers, and the official XSDs when configured),
 * and pseudonymise the BSN. Pure apart from the pseudonymiser and the XSD catalog's cache; it
 * touches no database. The importer (messages-import.ts) applies the result in batches.
 */
import crypto from 'node:crypto';
import { addressKey } from '../model/address.js';
import type { Pseudonymizer } from '../privacy/pseudonym.js';
import { InputError, otherGemeenteReason } from './errors.js';
import { GEMEENTE_IS_AFZENDER, allAkkoord, isRetourType, sentByGemeente } from './istandaarden/codes.js';
import { readMessage, type ClientInfo, type ParsedMessage, type Prestatie } from './istandaarden/messages.js';
import type { XsdCatalog } from './istandaarden/xml.js';
import type { FactTable } from './messages-import.js';
import { houseNumberOf } from './places.js';
import { isStufEnvelope, readStufMessage } from './stuf.js';

export interface FileResult {
  name: string;
  /** 'istandaarden' for messages, else the reference or tabular source. */
  source?: string;
  status: 'accepted' | 'rejected' | 'duplicate';
  messageType: string | null;
  gemeente: string | null;
  location: string | null;
  reason: string | null;
}

export interface PrepareContext {
  /** The gemeenten registered in Koers: a message for another one is refused. */
  gemeenten: ReadonlySet<string>;
  /** Gemeente restriction (ImportOptions.onlyGemeente). */
  only: string | null;
  xsd: XsdCatalog | null;
  pseudonymizer: Pseudonymizer;
}

/** A file read, checked and pseudonymised: everything the importer's apply() needs, and no BSN. */
export interface PreparedMessage {
  name: string;
  /** SHA-256 of the iWmo/iJw message (the payload of a StUF envelope), so a message is the same file wrapped or not. */
  sha256: string;
  bytes: number;
  gemeente: string;
  agb: string;
  messageId: string;
  received: { standard: string; law: string; type: string; berichtcode: number; afzender: string; ontvanger: string; identificatie: string; dagtekening: string; payload: string };
  persons: { personId: string; birthYear: number | null; birthMonth: number | null; sex: string | null }[];
  residence: { personId: string; validFrom: string; identificatie: string; postcode: string; huisnummer: number | null; householdKey: string } | null;
  /** Per fact table its rows, each in the column order of the table's spec (TABLES in messages-import.ts). */
  rows: Partial<Record<FactTable, unknown[][]>>;
  /** Persons whose trajectories this file may change (301/305/307). */
  trajectoryPersons: string[];
  /** Earliest date this file may change figures for (besides trajectories). */
  earliest: string | null;
  /** ReferentieAanbieder values answered (301, 319): the requests' receipt dates are affected too. */
  answeredRefs: string[];
  /** A 325: the 323 identification it answers (the declared periods are affected). */
  answeredDeclaratie: string | null;
  /** Dagtekening of the trajectory message (fallback for the affected date). */
  trajectoryDagtekening: string | null;
}

/**
 * Reads and checks one file (its bytes, or the error of reading it). A file that cannot be
 * accepted gives its FileResult with the reason and where in the file.
 */
export function prepareMessage(name: string, bytes: Uint8Array | Error, ctx: PrepareContext): PreparedMessage | { error: FileResult } {
  const { gemeenten, only, xsd, pseudonymizer } = ctx;
  const reject = (reason: string, location: string | null = null, messageType: string | null = null, gemeente: string | null = null) =>
    ({ error: { name, status: 'rejected' as const, messageType, gemeente, location, reason } });
  if (bytes instanceof Error) return reject(`kan het bestand niet lezen: ${bytes.message}`);
  let msg: ParsedMessage;
  let payload: Uint8Array = bytes;
  const opts = { xsd: xsd ? (s: string, b: string) => xsd.validatorFor(s, b) : null };
  try {
    if (isStufEnvelope(bytes)) {
      const r = readStufMessage(bytes, { ...opts, envelopeXsd: xsd ? () => envelopeValidator(xsd) : null });
      msg = r.message;
      payload = r.envelope.payload;
    } else {
      msg = readMessage(bytes, opts);
    }
  } catch (e) {
    if (e instanceof InputError) return reject(e.reason, e.location);
    return reject(`onverwachte fout bij lezen: ${(e as Error).message}`);
  }
  const fromGemeente = GEMEENTE_IS_AFZENDER[msg.type];
  const gemeente = fromGemeente ? msg.header.afzender : msg.header.ontvanger;
  const agb = fromGemeente ? msg.header.ontvanger : msg.header.afzender;
  const foreign = only === null ? undefined : [msg.header.afzender, msg.header.ontvanger].find((c) => /^\d{4}$/.test(c) && c !== only);
  if (foreign !== undefined) return reject(otherGemeenteReason(foreign, only!), `${msg.bericht}/Header`, msg.bericht, null);
  if (!gemeenten.has(gemeente)) {
    return reject(`gemeente ${gemeente} is niet geregistreerd in Koers. Registreer haar eerst met: koers gemeenten add ${gemeente} "<naam>"`, `${msg.bericht}/Header/${fromGemeente ? 'Afzender' : 'Ontvanger'}`, msg.bericht, gemeente);
  }
  try {
    return toPrepared(msg, { name, gemeente, agb, sha256: crypto.createHash('sha256').update(payload).digest('hex'), bytes: payload.length }, pseudonymizer);
  } catch (e) {
    return reject(`onverwachte fout bij verwerken: ${(e as Error).message}`, null, msg.bericht, gemeente);
  }
}

let envelopeXsdFailure: string | null = null;
/** The envelope XSD when libxml2 can load it; otherwise the structure is checked by stuf.ts alone. */
function envelopeValidator(xsd: XsdCatalog) {
  if (envelopeXsdFailure !== null) return null;
  try {
    return xsd.envelopeValidator();
  } catch (e) {
    envelopeXsdFailure = (e as Error).message;
    console.warn(`StUF-envelop-XSD kon niet geladen worden (${envelopeXsdFailure}); de envelop wordt alleen op structuur gecontroleerd`);
    return null;
  }
}

/** Absent and null mean the same in the stored payload; leaving nulls out keeps it small. */
const dropNull = (_key: string, value: unknown) => (value === null ? undefined : value);

const minDate = (dates: string[]) => dates.reduce<string | null>((m, d) => (!m || d < m ? d : m), null);

/**
 * Turns a read message into rows for the store: the BSN becomes a pseudonym here and goes no further;
 * names, addresses and free text are left behind (domain.md §5). Pure apart from the pseudonymiser.
 */
function toPrepared(msg: ParsedMessage, file: { name: string; gemeente: string; agb: string; sha256: string; bytes: number }, pz: Pseudonymizer): PreparedMessage {
  const { gemeente, agb } = file;
  const h = msg.header;
  const law = msg.law;
  const messageId = crypto.randomUUID();
  const pid = (c: ClientInfo) => pz.person(gemeente, c.bsn);
  const persons: PreparedMessage['persons'] = [];
  const person = (c: ClientInfo) => {
    const personId = pid(c);
    persons.push({ personId, birthYear: c.geboortejaar, birthMonth: c.geboortemaand, sex: c.geslacht });
    return personId;
  };
  const rows: PreparedMessage['rows'] = {};
  const add = (t: FactTable, r: unknown[]) => (rows[t] ??= []).push(r);
  let identificatie = h.identificatie;
  let dagtekening = h.dagtekening;
  let afzender = h.afzender;
  let ontvanger = h.ontvanger;
  let residence: PreparedMessage['residence'] = null;
  let trajectoryPersons: string[] = [];
  let trajectoryDagtekening: string | null = null;
  let earliest: string | null = null;
  let answeredRefs: string[] = [];
  let answeredDeclaratie: string | null = null;
  let content: Record<string, unknown>;
  const prestatieRow = (p: Prestatie) => [p.referentieNummer, p.vorigReferentieNummer, p.toewijzingNummer, p.categorie, p.productcode, p.periodeBegin, p.periodeEind,
    p.geleverdVolume, p.eenheid, p.productTarief, p.ingediend.bedrag, p.ingediend.debetCredit];

  switch (msg.type) {
    case '301': {
      const personId = person(msg.client);
      const a = msg.client.adres;
      const householdKey = a ? pz.household(gemeente, addressKey(a.postcode, a.huisnummer, a.huisletter, a.toevoeging)) : null;
      if (a) residence = { personId, validFrom: h.dagtekening, identificatie: h.identificatie, postcode: a.postcode, huisnummer: houseNumberOf(a.huisnummer), householdKey: householdKey! };
      msg.producten.forEach((p, i) => add('toewijzing_record', [gemeente, messageId, i, law, p.toewijzingNummer, personId, agb, p.categorie, p.productcode, p.toewijzingsdatum,
        p.toewijzingstijd, p.ingangsdatum, p.einddatum, p.redenWijziging, p.volume, p.eenheid, p.frequentie, p.budget, p.referentieAanbieder, h.dagtekening]));
      trajectoryPersons = [personId];
      trajectoryDagtekening = h.dagtekening;
      // The address counts from the dagtekening. What the new toewijzing version changes is dated per
      // fact once it is stored (toewijzingChanges: allocated money, coverage of declaraties), trajectory
      // changes by rebuildTrajectories.
      earliest = h.dagtekening;
      answeredRefs = msg.producten.map((p) => p.referentieAanbieder).filter((r): r is string => !!r);
      content = { person: personId, client: { geboortejaar: msg.client.geboortejaar, geslacht: msg.client.geslacht, huishouden: householdKey }, producten: msg.producten };
      break;
    }
    case '305':
    case '307': {
      const personId = person(msg.client);
      const kind = msg.type === '305' ? 'start' : 'stop';
      msg.producten.forEach((p, i) => add('delivery_record', [gemeente, messageId, i, kind, law, p.toewijzingNummer, personId, agb, p.categorie, p.productcode,
        p.toewijzingIngangsdatum, p.begindatum, p.einddatum, p.redenBeeindiging, p.statusAanlevering, h.dagtekening, h.identificatie]));
      trajectoryPersons = [personId];
      trajectoryDagtekening = h.dagtekening;
      earliest = h.dagtekening; // message quality counts a 307 in the month it was received
      content = { person: personId, client: { geboortejaar: msg.client.geboortejaar, geslacht: msg.client.geslacht, huishouden: null }, producten: msg.producten };
      break;
    }
    case '315': {
      const personId = person(msg.client);
      msg.producten.forEach((p, i) => add('request_record', [gemeente, messageId, i, law, p.referentieAanbieder, personId, agb, p.beschikkingNummer, p.categorie, p.productcode,
        p.beschikkingIngangsdatum, p.toewijzingIngangsdatum, p.toewijzingEinddatum, p.volume, p.eenheid, p.frequentie, p.budget, p.verwijzerType, p.raamcontract,
        h.dagtekening, h.dagtekening, h.identificatie]));
      earliest = h.dagtekening;
      content = { person: personId, client: { geboortejaar: msg.client.geboortejaar, geslacht: msg.client.geslacht }, producten: msg.producten };
      break;
    }
    case '317': {
      const personId = person(msg.client);
      const v = msg.verzoek;
      add('change_request', [gemeente, messageId, law, v.referentieAanbieder, personId, agb, v.redenVerzoek, h.dagtekening, h.dagtekening, h.identificatie]);
      v.producten.forEach((p, i) => add('change_request_product', [gemeente, messageId, i, p.kind, p.toewijzingNummer, p.categorie, p.productcode, p.gewensteIngangsdatum,
        p.einddatum, p.volume, p.eenheid, p.frequentie, p.budget]));
      earliest = h.dagtekening;
      content = { person: personId, verzoek: v };
      break;
    }
    case '319': {
      const a = msg.antwoord;
      add('request_answer', [gemeente, messageId, law, agb, a.referentieAanbieder, a.verzoekAntwoord, a.redenAfwijzing, a.woonplaatsGemeente, h.dagtekening, h.identificatie]);
      earliest = h.dagtekening;
      answeredRefs = [a.referentieAanbieder];
      content = { antwoord: a };
      break;
    }
    case '323': {
      const d = msg.declaratie;
      add('declaratie_record', [gemeente, messageId, law, agb, d.declaratieNummer, d.periodeBegin, d.periodeEind, d.declaratieDagtekening, d.totaalIngediend.bedrag,
        d.totaalIngediend.debetCredit, h.dagtekening, h.identificatie]);
      let seq = 0;
      const clienten = d.clienten.map((c) => {
        const personId = person(c.client);
        for (const p of c.prestaties) add('prestatie_record', [gemeente, messageId, seq++, law, agb, personId, d.declaratieNummer, ...prestatieRow(p), h.dagtekening, h.identificatie]);
        return { person: personId, prestaties: c.prestaties };
      });
      earliest = minDate(d.clienten.flatMap((c) => c.prestaties.map((p) => p.periodeBegin)));
      content = { declaratie: { ...d, clienten } };
      break;
    }
    case '325': {
      const a = msg.antwoord;
      const akkoord = a !== null && allAkkoord(msg.retourCodes) && allAkkoord(a.retourCodes);
      add('declaratie_antwoord', [gemeente, messageId, law, agb, msg.declaratieIdentificatie.identificatie, msg.declaratieIdentificatie.dagtekening, a?.declaratieNummer ?? null,
        msg.retourCodes, a?.retourCodes ?? [], a?.totaalIngediend.bedrag ?? null, a?.totaalIngediend.debetCredit ?? null, a?.totaalToegekend.bedrag ?? null,
        a?.totaalToegekend.debetCredit ?? null, akkoord, h.dagtekening, h.identificatie]);
      let seq = 0;
      const clienten = (a?.clienten ?? []).map((c) => {
        const personId = person(c.client);
        for (const p of c.prestaties) {
          add('prestatie_antwoord', [gemeente, messageId, seq++, law, agb, personId, ...prestatieRow(p), p.retourCodes, c.retourCodes,
            !allAkkoord(p.retourCodes) || !allAkkoord(c.retourCodes)]);
        }
        return { person: personId, retourCodes: c.retourCodes, prestaties: c.prestaties };
      });
      earliest = minDate((a?.clienten ?? []).flatMap((c) => c.prestaties.map((p) => p.periodeBegin))) ?? h.dagtekening;
      answeredDeclaratie = msg.declaratieIdentificatie.identificatie;
      content = { declaratieIdentificatie: msg.declaratieIdentificatie, retourCodes: msg.retourCodes, antwoord: a ? { ...a, clienten } : null };
      break;
    }
    default: {
      if (!isRetourType(msg.type)) throw new Error(`unhandled message type ${msg.type}`);
      const m = msg as Extract<ParsedMessage, { retour: unknown }>;
      // A retour's client is an echo of the heenbericht's: pseudonymised for the link, not a new fact about the person.
      const personId = m.client ? pid(m.client) : null;
      const r = m.retour;
      const akkoord = allAkkoord(r.headerCodes) && allAkkoord(r.clientCodes) && r.items.every((x) => allAkkoord(x.codes));
      add('retour_message', [gemeente, messageId, law, m.type, r.answers, agb, h.identificatie, h.dagtekening, r.identificatie, r.dagtekening, personId,
        r.headerCodes, r.clientCodes, akkoord]);
      r.items.forEach((x, i) => add('retour_item', [gemeente, messageId, i, x.level, x.key, x.codes, allAkkoord(x.codes)]));
      // received_message describes the retour itself: its own identification and its real sender.
      identificatie = r.identificatie;
      dagtekening = r.dagtekening;
      if (sentByGemeente(m.type) !== GEMEENTE_IS_AFZENDER[m.type]) { afzender = h.ontvanger; ontvanger = h.afzender; }
      earliest = h.dagtekening;
      content = { person: personId, beantwoordt: { bericht: r.answers, identificatie: h.identificatie, dagtekening: h.dagtekening }, retour: r };
      break;
    }
  }
  return {
    name: file.name, sha256: file.sha256, bytes: file.bytes, gemeente, agb, messageId,
    received: { standard: msg.standard, law, type: msg.type, berichtcode: h.berichtcode, afzender, ontvanger, identificatie, dagtekening, payload: JSON.stringify({ bericht: msg.bericht, ...content }, dropNull) },
    persons, residence, rows, trajectoryPersons, earliest, answeredRefs, answeredDeclaratie, trajectoryDagtekening,
  };
}

