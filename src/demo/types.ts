/** Types of the in-memory demo model (see generate.ts). Day fields are day numbers (dates.ts). */
import type { TabularSources } from './sources.js';

export type Law = 'wmo' | 'jeugd';
export type Sex = 'M' | 'V';
export type Uitvoeringsvariant = 'inspanningsgericht' | 'outputgericht' | 'taakgericht';
export type Toewijzingsvariant = 'specifiek' | 'aspecifiek' | 'generiek';

export interface DemoOptions {
  /** PRNG seed, default 2026. */
  seed?: number;
  /** Reference date (ISO), default '2026-09-30'. No message is dated after it. */
  asOf?: string;
  /** 1 = about 60 000 inhabitants; tests use 0.1. */
  scale?: number;
}

export interface ResolvedOptions {
  seed: number;
  asOf: string;
  scale: number;
  asOfDay: number;
}

export interface GeoPolygon {
  type: 'Polygon';
  coordinates: number[][][];
}

export interface GeoMultiPolygon {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}

export interface Wijk {
  index: number;
  code: string;
  name: string;
  geometry: GeoPolygon | GeoMultiPolygon;
}

export interface Address {
  id: number;
  wijk: number;
  postcode: string;
  huisnummer: number;
  straat: string;
}

export interface AddressPeriod {
  /** First day at this address. */
  from: number;
  address: number;
}

export interface Person {
  id: number;
  bsn: string;
  sex: Sex;
  birthDay: number;
  birthY: number;
  birthM: number;
  birthD: number;
  voornamen: string;
  voorletters: string;
  achternaam: string;
  voorvoegsel?: string;
  /** Partner's surname used in the name (NaamGebruik 2/3/4), if any. */
  partnerAchternaam?: string;
  partnerVoorvoegsel?: string;
  naamGebruik: '1' | '2' | '3' | '4';
  /** First day resident in Koersdam (birth, arrival, or before the simulation). */
  arriveDay: number;
  /** First day no longer resident (day after death, or moving day), NEVER if still resident. */
  leaveDay: number;
  leaveReason: 'death' | 'moveOut' | null;
  addresses: AddressPeriod[];
  /** Latent household vulnerability (mean about 1): drives support use below old age. */
  vulnerability: number;
  /** Parent with gezag (for jeugd Relaties), if the person was a child in a household. */
  guardianId: number | null;
}

export interface PopulationRow {
  jaar: number;
  wijk: string;
  leeftijd: number;
  geslacht: Sex;
  inwoners: number;
}

export interface PostcodeRow {
  postcode: string;
  wijk: string;
}

export interface ContractRow {
  gemeente: string;
  contract: string;
  agb: string;
  aanbieder: string;
  wet: Law;
  uitvoeringsvariant: Uitvoeringsvariant;
  toewijzingsvariant: Toewijzingsvariant;
  ingangsdatum: string;
  einddatum: string;
  productcode: string;
  productcategorie: string;
  productnaam: string;
  tarief_cent: number;
  eenheid: string;
  taakveld: string;
}

/** One state of a toewijzing as decided by the gemeente on `day` (Toewijzingsdatum). */
export interface ToewijzingVersion {
  day: number;
  time: string;
  ingang: number;
  eind: number;
  redenWijziging?: string;
  commentaar?: string;
  /** ReferentieAanbieder of the 315/317 this version answers (requests.ts). */
  referentie?: string;
}

/** Why a toewijzing was issued (trajectories.ts): drives which requests precede it. */
export type ToewijzingOrigin = 'intake' | 'stock' | 'overstap' | 'wijzigingsverzoek' | 'contract' | 'wrong' | 'neverStarted';

export interface Toewijzing {
  /** Internal id (creation order), stable per seed. */
  id: number;
  /** ToewijzingNummer, unique per law within the gemeente. */
  nummer: number;
  law: Law;
  personId: number;
  aanbieder: string;
  /** National productcategorie; undefined for a generiek (budget-only) toewijzing. */
  categorie?: string;
  /** Gemeente product code; undefined for aspecifiek and generiek toewijzingen. */
  productCode?: string;
  omvang?: { volume: number; eenheid: string; frequentie: string };
  /** Aspecifiek/generiek: budget per month in eurocent; the 301 carries it for the whole period. */
  budgetPerMonthCent?: number;
  versions: ToewijzingVersion[];
  /** The trajectory category (known to the generator even when the message carries none). */
  trajectCategorie: string;
  origin?: ToewijzingOrigin;
  /** For origin 'wijzigingsverzoek' / 'overstap' / 'contract': the toewijzing id it follows on. */
  replaces?: number;
  /** Product index at the aanbieder (catalog.ts), also for aspecifiek and generiek toewijzingen. */
  productIdx?: number;
}

export interface StartEvent {
  toewijzing: number;
  begin: number;
  dagtekening: number;
  status: '1' | '3';
}

export interface StopEvent {
  toewijzing: number;
  begin: number;
  eind: number;
  reden: string;
  dagtekening: number;
}

export type BerichtType =
  | 'WMO301' | 'WMO305' | 'WMO307' | 'WMO315' | 'WMO317' | 'WMO319' | 'WMO323' | 'WMO325'
  | 'JW301' | 'JW305' | 'JW307' | 'JW315' | 'JW317' | 'JW319' | 'JW323' | 'JW325';

export interface ToegewezenProductSnapshot {
  nummer: number;
  categorie?: string;
  code?: string;
  toewijzingsdatum: number;
  toewijzingstijd: string;
  ingang: number;
  eind: number;
  redenWijziging?: string;
  omvang?: { volume: number; eenheid: string; frequentie: string };
  budgetCent?: number;
  commentaar?: string;
  referentie?: string;
}

/** 315: one AangevraagdProduct. */
export interface AangevraagdLine {
  referentie: string;
  beschikkingNummer?: string;
  categorie?: string;
  code?: string;
  ingang: number;
  eind?: number;
  omvang?: { volume: number; eenheid: string; frequentie: string };
  budgetCent?: number;
  /** LDT_TypeVerwijzer. */
  verwijzer: string;
  verwijzerNaam?: string;
}

/** 317: the Verzoek. */
export interface VerzoekLine {
  referentie: string;
  reden: '1' | '2';
  ongewijzigd: number[];
  teWijzigen: { nummer: number; ingang: number; eind?: number; omvang?: { volume: number; eenheid: string; frequentie: string }; budgetCent?: number }[];
  nieuw: { categorie: string; code?: string; ingang: number; eind?: number; omvang?: { volume: number; eenheid: string; frequentie: string }; budgetCent?: number }[];
}

/** 319: the Antwoord. */
export interface AntwoordLine {
  referentie: string;
  /** 1 afgewezen, 2 in onderzoek. */
  antwoord: '1' | '2';
  reden?: string;
}

/** 323/325: one Prestatie (amounts in eurocent, positive; dc says the sign). */
export interface PrestatieLine {
  personId: number;
  referentie: string;
  vorigReferentie?: string;
  nummer: number;
  categorie: string;
  code: string;
  begin: number;
  eind: number;
  volume: number;
  eenheid: string;
  tariefCent: number;
  bedragCent: number;
  dc: 'D' | 'C';
  /** 325 only: RetourCodes of a rejected prestatie. */
  retourCodes?: string[];
}

export interface DeclaratieBody {
  nummer: string;
  periodeBegin: number;
  periodeEind: number;
  prestaties: PrestatieLine[];
}

export interface DeclaratieAntwoordBody {
  /** The 323 answered (its Identificatie is assigned when messages are numbered). */
  declaratie: DemoMessage;
  nummer: string;
  ingediendCent: number;
  toegekendCent: number;
  /** Only the rejected prestaties are returned. */
  afgewezen: PrestatieLine[];
}

export interface StartProductLine {
  nummer: number;
  categorie?: string;
  code?: string;
  toewijzingIngang: number;
  begin: number;
  status: '1' | '3';
}

export interface StopProductLine {
  nummer: number;
  categorie?: string;
  code?: string;
  toewijzingIngang: number;
  begin: number;
  reden: string;
  eind: number;
}

export interface DemoMessage {
  type: BerichtType;
  law: Law;
  afzender: string;
  ontvanger: string;
  identificatie: string;
  dagtekening: number;
  personId: number;
  /** Relative path below the output directory. */
  path: string;
  toegewezen?: ToegewezenProductSnapshot[];
  starts?: StartProductLine[];
  stops?: StopProductLine[];
  /** JuridischeStatus for JW301 (04 OTS, 12 strafrechtelijk). */
  juridischeStatus?: string;
  aangevraagd?: AangevraagdLine[];
  verzoek?: VerzoekLine;
  antwoord?: AntwoordLine;
  declaratie?: DeclaratieBody;
  declaratieAntwoord?: DeclaratieAntwoordBody;
}

export interface DemoModel {
  gemeente: { code: string; cbsCode: string; name: string };
  options: ResolvedOptions;
  wijken: Wijk[];
  /** The gemeente outline (WGS84, closed ring, counter-clockwise). */
  outline: GeoPolygon;
  addresses: Address[];
  postcodes: PostcodeRow[];
  persons: Person[];
  population: PopulationRow[];
  contracts: ContractRow[];
  toewijzingen: Toewijzing[];
  starts: StartEvent[];
  stops: StopEvent[];
  messages: DemoMessage[];
  /** The gemeente's other sources in the Koers tabular formats (sources.ts). */
  sources: TabularSources;
}
