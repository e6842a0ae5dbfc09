/** Types of the in-memory demo model (see generate.ts). Day fields are day numbers (dates.ts). */

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
}

/** One state of a toewijzing as decided by the gemeente on `day` (Toewijzingsdatum). */
export interface ToewijzingVersion {
  day: number;
  time: string;
  ingang: number;
  eind: number;
  redenWijziging?: string;
  commentaar?: string;
}

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

export type BerichtType = 'WMO301' | 'WMO305' | 'WMO307' | 'JW301' | 'JW305' | 'JW307';

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
}
