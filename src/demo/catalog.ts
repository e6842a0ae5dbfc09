/**
 * Fixed facts of the fictional demo gemeente Koersdam: wijken, aanbieders with their contracts
 * and products, and per productcategorie the parameters of the care simulation. Everything here
 * is invented; only the code values (categories, eenheden, frequenties, reden codes) follow the
 * iWmo/iJw 3.2 codelists.
 */
import type { Law, Toewijzingsvariant, Uitvoeringsvariant } from './types.js';

export const GEMEENTE_CODE = '9001';
export const GEMEENTE_CBS_CODE = 'GM9001';
export const GEMEENTE_NAME = 'Koersdam';
export const PLAATSNAAM = 'Koersdam';

/** Centre of the fictional gemeente in WGS84. */
export const CENTER_LON = 5.45;
export const CENTER_LAT = 52.05;

export type HouseholdKind =
  | 'student'
  | 'youngSingle'
  | 'youngCouple'
  | 'family'
  | 'singleParent'
  | 'midCouple'
  | 'midSingle'
  | 'seniorCouple'
  | 'seniorSingle';

export const HOUSEHOLD_KINDS: readonly HouseholdKind[] = [
  'student', 'youngSingle', 'youngCouple', 'family', 'singleParent', 'midCouple', 'midSingle', 'seniorCouple', 'seniorSingle',
];

export interface WijkConfig {
  code: string;
  name: string;
  /** Share of the gemeente's inhabitants at the start of the simulation. */
  share: number;
  /** Voronoi seed in km from the centre (x east, y north). */
  seedKm: [number, number];
  /** Household mix, weights in HOUSEHOLD_KINDS order. */
  mix: readonly number[];
  /** Mean household vulnerability (1 = gemeente average); drives support use below 65. */
  vulnerability: number;
  /** What the wijk stands for in the demo story. */
  profile: string;
}

export const WIJKEN: readonly WijkConfig[] = [
  { code: 'WK900100', name: 'Centrum', share: 0.085, seedKm: [0.2, 0.1], vulnerability: 1.1,
    mix: [0.22, 0.25, 0.1, 0.07, 0.05, 0.08, 0.1, 0.05, 0.08], profile: 'students and young singles, old town' },
  { code: 'WK900101', name: 'Oude Haven', share: 0.095, seedKm: [1.9, -0.6], vulnerability: 1.3,
    mix: [0.04, 0.15, 0.08, 0.16, 0.09, 0.12, 0.13, 0.09, 0.14], profile: 'old harbour quarter, mixed' },
  { code: 'WK900102', name: 'Molenwijk', share: 0.11, seedKm: [-1.9, 1.3], vulnerability: 1.0,
    mix: [0.02, 0.1, 0.08, 0.24, 0.06, 0.15, 0.09, 0.12, 0.14], profile: 'average family wijk' },
  { code: 'WK900103', name: 'Vogelbuurt', share: 0.11, seedKm: [-0.4, 2.4], vulnerability: 1.05,
    mix: [0.01, 0.08, 0.06, 0.25, 0.07, 0.17, 0.09, 0.13, 0.14], profile: '1970s family wijk; jeugd prevention programme from 2023' },
  { code: 'WK900104', name: 'Hoogveld', share: 0.1, seedKm: [1.7, 2.3], vulnerability: 0.95,
    mix: [0.01, 0.05, 0.03, 0.1, 0.03, 0.14, 0.08, 0.24, 0.32], profile: 'ageing wijk with senior housing' },
  { code: 'WK900105', name: 'De Akkers', share: 0.12, seedKm: [-2.4, -2.1], vulnerability: 0.8,
    mix: [0.01, 0.07, 0.1, 0.42, 0.07, 0.12, 0.06, 0.08, 0.07], profile: 'young family wijk (1990s)' },
  { code: 'WK900106', name: 'Zuiderpark', share: 0.1, seedKm: [0.4, -2.5], vulnerability: 1.0,
    mix: [0.03, 0.11, 0.08, 0.22, 0.06, 0.15, 0.1, 0.12, 0.13], profile: 'mixed wijk around the park' },
  { code: 'WK900107', name: 'Westrand', share: 0.08, seedKm: [-4.1, 0.3], vulnerability: 0.6,
    mix: [0.01, 0.05, 0.06, 0.26, 0.03, 0.24, 0.06, 0.18, 0.11], profile: 'affluent villas, low support use' },
  { code: 'WK900108', name: 'Kanaalzone', share: 0.105, seedKm: [3.6, -1.5], vulnerability: 1.9,
    mix: [0.03, 0.17, 0.06, 0.18, 0.15, 0.09, 0.14, 0.07, 0.11], profile: 'deprived wijk with more support use' },
  { code: 'WK900109', name: 'Nieuw-Koersdam', share: 0.095, seedKm: [3.8, 1.9], vulnerability: 0.85,
    mix: [0.01, 0.08, 0.16, 0.45, 0.07, 0.1, 0.05, 0.05, 0.03], profile: 'new-build wijk, growing fast' },
];

/** Index of Nieuw-Koersdam (new-build addresses are added here). */
export const NEW_BUILD_WIJK = 9;
/** Index of Vogelbuurt (jeugd prevention programme from 2023). */
export const PREVENTION_WIJK = 3;

export interface ProductDef {
  /** Gemeente product code (5 chars); '' for the generiek budget line. */
  code: string;
  categorie: string;
  naam: string;
  tariefCent: number;
  /** Eenheid code (LDT_Eenheid). */
  eenheid: string;
  /** Frequentie code (LDT_Frequentie) used in Omvang. */
  frequentie: '1' | '2' | '4' | '6';
  /** Allocated volume range (in eenheid per frequentie). */
  volume: [number, number];
  /** Share of clients in the category at this aanbieder who get this product. */
  weight: number;
}

export interface AanbiederDef {
  agb: string;
  naam: string;
  law: Law;
  uitvoeringsvariant: Uitvoeringsvariant;
  toewijzingsvariant: Toewijzingsvariant;
  contract: string;
  ingangsdatum: string;
  einddatum?: string;
  /** For aspecifiek/generiek toewijzingen: budget per year in eurocent. */
  budgetPerYearCent?: [number, number];
  /** Multiplier on voortijdige (eenzijdige) ends. */
  uitval: number;
  /** Multiplier on the share of late start/stop messages. */
  lateness: number;
  products: ProductDef[];
}

const CONTRACT_START = '2019-01-01';

export const AANBIEDERS: readonly AanbiederDef[] = [
  {
    agb: '99000018', naam: 'Thuiszorg Koersdam', law: 'wmo', uitvoeringsvariant: 'inspanningsgericht', toewijzingsvariant: 'specifiek',
    contract: 'KD-WMO-2019-01', ingangsdatum: CONTRACT_START, uitval: 1, lateness: 1,
    products: [
      { code: '01A01', categorie: '01', naam: 'Hulp bij het huishouden basis', tariefCent: 3190, eenheid: '04', frequentie: '2', volume: [2, 4], weight: 0.75 },
      { code: '01A02', categorie: '01', naam: 'Hulp bij het huishouden plus', tariefCent: 3640, eenheid: '04', frequentie: '2', volume: [3, 6], weight: 0.25 },
    ],
  },
  {
    agb: '99000026', naam: 'Huishoudelijke Hulp Het Anker', law: 'wmo', uitvoeringsvariant: 'inspanningsgericht', toewijzingsvariant: 'specifiek',
    contract: 'KD-WMO-2019-02', ingangsdatum: CONTRACT_START, uitval: 1.1, lateness: 1.4,
    products: [
      { code: '01A01', categorie: '01', naam: 'Hulp bij het huishouden basis', tariefCent: 3190, eenheid: '04', frequentie: '2', volume: [2, 4], weight: 0.7 },
      { code: '01A02', categorie: '01', naam: 'Hulp bij het huishouden plus', tariefCent: 3640, eenheid: '04', frequentie: '2', volume: [3, 6], weight: 0.3 },
    ],
  },
  {
    agb: '99000034', naam: 'Begeleiding De Wending', law: 'wmo', uitvoeringsvariant: 'inspanningsgericht', toewijzingsvariant: 'specifiek',
    contract: 'KD-WMO-2019-03', ingangsdatum: CONTRACT_START, uitval: 1, lateness: 1,
    products: [
      { code: '02A01', categorie: '02', naam: 'Individuele begeleiding basis', tariefCent: 6250, eenheid: '04', frequentie: '2', volume: [1, 3], weight: 0.7 },
      { code: '02A02', categorie: '02', naam: 'Individuele begeleiding specialistisch', tariefCent: 7840, eenheid: '04', frequentie: '2', volume: [2, 5], weight: 0.3 },
      { code: '07A01', categorie: '07', naam: 'Dagbesteding basis', tariefCent: 3820, eenheid: '16', frequentie: '2', volume: [1, 4], weight: 0.7 },
      { code: '07A02', categorie: '07', naam: 'Dagbesteding intensief', tariefCent: 5310, eenheid: '16', frequentie: '2', volume: [2, 6], weight: 0.3 },
    ],
  },
  {
    agb: '99000042', naam: 'Zorgcooperatie Samen Verder', law: 'wmo', uitvoeringsvariant: 'outputgericht', toewijzingsvariant: 'specifiek',
    contract: 'KD-WMO-2019-04', ingangsdatum: CONTRACT_START, uitval: 0.9, lateness: 0.8,
    products: [
      { code: '02B01', categorie: '02', naam: 'Begeleiding maandarrangement licht', tariefCent: 46500, eenheid: '82', frequentie: '4', volume: [1, 1], weight: 0.65 },
      { code: '02B02', categorie: '02', naam: 'Begeleiding maandarrangement intensief', tariefCent: 91000, eenheid: '82', frequentie: '4', volume: [1, 1], weight: 0.35 },
    ],
  },
  {
    agb: '99000050', naam: 'Dagbesteding De Werkplaats', law: 'wmo', uitvoeringsvariant: 'inspanningsgericht', toewijzingsvariant: 'specifiek',
    contract: 'KD-WMO-2019-05', ingangsdatum: CONTRACT_START, uitval: 1, lateness: 1,
    products: [
      { code: '07A01', categorie: '07', naam: 'Dagbesteding basis', tariefCent: 3820, eenheid: '16', frequentie: '2', volume: [1, 4], weight: 0.6 },
      { code: '07A02', categorie: '07', naam: 'Dagbesteding intensief', tariefCent: 5310, eenheid: '16', frequentie: '2', volume: [2, 6], weight: 0.4 },
    ],
  },
  {
    agb: '99000069', naam: 'Zorgboerderij De Hoeve', law: 'wmo', uitvoeringsvariant: 'inspanningsgericht', toewijzingsvariant: 'generiek',
    contract: 'KD-WMO-2019-06', ingangsdatum: CONTRACT_START, uitval: 0.8, lateness: 1.2, budgetPerYearCent: [600000, 1400000],
    products: [
      { code: '07G01', categorie: '07', naam: 'Dagbesteding zorgboerderij (budget)', tariefCent: 4150, eenheid: '16', frequentie: '2', volume: [1, 4], weight: 1 },
    ],
  },
  {
    agb: '99000077', naam: 'Regiotaxi Koersland', law: 'wmo', uitvoeringsvariant: 'inspanningsgericht', toewijzingsvariant: 'aspecifiek',
    contract: 'KD-WMO-2019-07', ingangsdatum: CONTRACT_START, uitval: 0.5, lateness: 0.7, budgetPerYearCent: [40000, 120000],
    products: [
      { code: '08A01', categorie: '08', naam: 'Collectief vraagafhankelijk vervoer (rit)', tariefCent: 1250, eenheid: '84', frequentie: '6', volume: [50, 150], weight: 1 },
    ],
  },
  {
    agb: '99000085', naam: 'Hulpmiddelencentrum Koersland', law: 'wmo', uitvoeringsvariant: 'outputgericht', toewijzingsvariant: 'specifiek',
    contract: 'KD-WMO-2019-08', ingangsdatum: CONTRACT_START, uitval: 0.4, lateness: 0.9,
    products: [
      { code: '11A01', categorie: '11', naam: 'Handbewogen rolstoel (huur)', tariefCent: 4250, eenheid: '82', frequentie: '4', volume: [1, 1], weight: 0.7 },
      { code: '11A02', categorie: '11', naam: 'Elektrische rolstoel (huur)', tariefCent: 15900, eenheid: '82', frequentie: '4', volume: [1, 1], weight: 0.3 },
      { code: '14A01', categorie: '14', naam: 'Scootmobiel (huur)', tariefCent: 7400, eenheid: '82', frequentie: '4', volume: [1, 1], weight: 0.65 },
      { code: '14A02', categorie: '14', naam: 'Tillift en douchestoel (huur)', tariefCent: 3600, eenheid: '82', frequentie: '4', volume: [1, 1], weight: 0.35 },
    ],
  },
  {
    agb: '99000093', naam: 'Beschermd Wonen Het Baken', law: 'wmo', uitvoeringsvariant: 'inspanningsgericht', toewijzingsvariant: 'specifiek',
    contract: 'KD-WMO-2019-09', ingangsdatum: CONTRACT_START, uitval: 1.2, lateness: 1.1,
    products: [
      { code: '15A01', categorie: '15', naam: 'Beschermd wonen intramuraal', tariefCent: 12650, eenheid: '14', frequentie: '2', volume: [7, 7], weight: 0.6 },
      { code: '15A02', categorie: '15', naam: 'Beschermd wonen licht', tariefCent: 8900, eenheid: '14', frequentie: '2', volume: [7, 7], weight: 0.4 },
    ],
  },
  {
    agb: '99000107', naam: 'Welzijn Koersdam', law: 'wmo', uitvoeringsvariant: 'taakgericht', toewijzingsvariant: 'generiek',
    contract: 'KD-WMO-2021-10', ingangsdatum: '2021-01-01', uitval: 1, lateness: 1,
    products: [
      { code: '06T01', categorie: '06', naam: 'Maatschappelijk werk en cliëntondersteuning (taakgericht)', tariefCent: 142500000, eenheid: '83', frequentie: '6', volume: [1, 1], weight: 0.6 },
      { code: '09T01', categorie: '09', naam: 'Inloop en ontmoeting (taakgericht)', tariefCent: 38000000, eenheid: '83', frequentie: '6', volume: [1, 1], weight: 0.4 },
    ],
  },
  {
    agb: '99000115', naam: 'Jeugdhulp De Brug', law: 'jeugd', uitvoeringsvariant: 'inspanningsgericht', toewijzingsvariant: 'specifiek',
    contract: 'KD-JW-2019-01', ingangsdatum: CONTRACT_START, einddatum: '2025-12-31', uitval: 2.6, lateness: 2.2,
    products: [
      { code: '45A01', categorie: '45', naam: 'Ambulante jeugdhulp basis', tariefCent: 7950, eenheid: '04', frequentie: '2', volume: [1, 2], weight: 0.7 },
      { code: '45A02', categorie: '45', naam: 'Ambulante jeugdhulp specialistisch', tariefCent: 9800, eenheid: '04', frequentie: '2', volume: [1, 3], weight: 0.3 },
    ],
  },
  {
    agb: '99000123', naam: 'Kindkracht Jeugd en Gezin', law: 'jeugd', uitvoeringsvariant: 'outputgericht', toewijzingsvariant: 'specifiek',
    contract: 'KD-JW-2019-02', ingangsdatum: CONTRACT_START, uitval: 0.9, lateness: 0.9,
    products: [
      { code: '45B01', categorie: '45', naam: 'Ambulant traject licht', tariefCent: 248000, eenheid: '82', frequentie: '6', volume: [1, 1], weight: 0.6 },
      { code: '45B02', categorie: '45', naam: 'Ambulant traject intensief', tariefCent: 465000, eenheid: '82', frequentie: '6', volume: [1, 1], weight: 0.4 },
      { code: '41A01', categorie: '41', naam: 'Dagbehandeling jeugd', tariefCent: 9400, eenheid: '16', frequentie: '2', volume: [2, 8], weight: 1 },
    ],
  },
  {
    agb: '99000131', naam: 'GGZ Jong Koersland', law: 'jeugd', uitvoeringsvariant: 'inspanningsgericht', toewijzingsvariant: 'specifiek',
    contract: 'KD-JW-2019-03', ingangsdatum: CONTRACT_START, uitval: 1, lateness: 1,
    products: [
      { code: '54A01', categorie: '54', naam: 'Jeugd-ggz basis', tariefCent: 182, eenheid: '01', frequentie: '6', volume: [600, 1500], weight: 0.6 },
      { code: '54A02', categorie: '54', naam: 'Jeugd-ggz specialistisch', tariefCent: 214, eenheid: '01', frequentie: '6', volume: [1500, 3600], weight: 0.4 },
    ],
  },
  {
    agb: '99000140', naam: 'Jeugdzorg De Linde', law: 'jeugd', uitvoeringsvariant: 'inspanningsgericht', toewijzingsvariant: 'specifiek',
    contract: 'KD-JW-2019-04', ingangsdatum: CONTRACT_START, uitval: 1.1, lateness: 1,
    products: [
      { code: '43A01', categorie: '43', naam: 'Verblijf inclusief behandeling', tariefCent: 29600, eenheid: '14', frequentie: '2', volume: [7, 7], weight: 1 },
      { code: '44A01', categorie: '44', naam: 'Gezinshuis', tariefCent: 17800, eenheid: '14', frequentie: '2', volume: [7, 7], weight: 0.45 },
      { code: '44A02', categorie: '44', naam: 'Pleegzorg', tariefCent: 4350, eenheid: '14', frequentie: '2', volume: [7, 7], weight: 0.55 },
    ],
  },
  {
    agb: '99000158', naam: 'Gecertificeerde Instelling Koersland', law: 'jeugd', uitvoeringsvariant: 'outputgericht', toewijzingsvariant: 'specifiek',
    contract: 'KD-JW-2019-05', ingangsdatum: CONTRACT_START, uitval: 0.3, lateness: 1.8,
    products: [
      { code: '48A01', categorie: '48', naam: 'Ondertoezichtstelling', tariefCent: 171500, eenheid: '82', frequentie: '4', volume: [1, 1], weight: 0.85 },
      { code: '48A02', categorie: '48', naam: 'Voogdij', tariefCent: 139000, eenheid: '82', frequentie: '4', volume: [1, 1], weight: 0.15 },
      { code: '47A01', categorie: '47', naam: 'Jeugdreclassering', tariefCent: 118000, eenheid: '82', frequentie: '4', volume: [1, 1], weight: 1 },
    ],
  },
  {
    agb: '99000166', naam: 'Opvoedsteun Koersdam', law: 'jeugd', uitvoeringsvariant: 'taakgericht', toewijzingsvariant: 'generiek',
    contract: 'KD-JW-2021-06', ingangsdatum: '2021-01-01', uitval: 1, lateness: 1,
    products: [
      { code: '45T01', categorie: '45', naam: 'Lichte opvoedondersteuning in de wijk (taakgericht)', tariefCent: 96000000, eenheid: '83', frequentie: '6', volume: [1, 1], weight: 1 },
    ],
  },
];

export const AGB_DE_BRUG = '99000115';
export const AGB_KINDKRACHT = '99000123';

/** Incidence band: from this age on, this many starts per person-year (until the next band). */
export type IncidenceBands = readonly (readonly [number, number])[];

export interface CategoryDef {
  law: Law;
  code: string;
  label: string;
  /** Eligible ages for a new start (inclusive). */
  minAge: number;
  maxAge: number;
  incidence: IncidenceBands;
  /** Exponent on the person's vulnerability. */
  vulnPower: number;
  /** Multiplier for women (V) relative to men. */
  femaleFactor: number;
  durationMedianMonths: number;
  durationSigma: number;
  /** Allocation (toewijzing) lengths in months to choose from. */
  allocationMonths: readonly number[];
  /** Days from need (melding/verwijzing) to the toewijzing. */
  decisionDays: [number, number];
  /** Days from ingangsdatum to the actual start. */
  waitDays: [number, number];
  /** Aanbieders delivering this category with their market share. */
  aanbieders: readonly (readonly [string, number])[];
  /** Chance of a temporary stop (reden 20) per trajectory for clients aged 65+ (Wmo) or any age (Jeugd). */
  tempStop: number;
  /** Chance of an overstap (reden 38) to another aanbieder per trajectory. */
  overstap: number;
  /** Chance of a product change after a VOW (reden 37 + RedenWijziging 12). */
  productChange: number;
  /** Jeugd: chance that help continues after the 18th birthday (verlengde jeugdhulp). */
  extendPast18: number;
  /** Chance of a repeat trajectory after an end, and the extra chance after uitval. */
  repeat: number;
}

export const CATEGORIES: readonly CategoryDef[] = [
  { law: 'wmo', code: '01', label: 'hulp bij het huishouden', minAge: 18, maxAge: 120,
    incidence: [[18, 0.00108], [40, 0.00225], [55, 0.0054], [65, 0.0153], [75, 0.0495], [85, 0.099]],
    vulnPower: 0.3, femaleFactor: 1.35, durationMedianMonths: 34, durationSigma: 0.8, allocationMonths: [60],
    decisionDays: [21, 63], waitDays: [2, 14], aanbieders: [['99000018', 0.58], ['99000026', 0.42]],
    tempStop: 0.1, overstap: 0.04, productChange: 0.03, extendPast18: 0, repeat: 0.08 },
  { law: 'wmo', code: '02', label: 'begeleiding', minAge: 18, maxAge: 120,
    incidence: [[18, 0.0115], [27, 0.01], [40, 0.0095], [55, 0.008], [65, 0.0065], [75, 0.0085], [85, 0.01]],
    vulnPower: 1.25, femaleFactor: 1.0, durationMedianMonths: 10, durationSigma: 0.7, allocationMonths: [12],
    decisionDays: [21, 63], waitDays: [5, 28], aanbieders: [['99000034', 0.6], ['99000042', 0.4]],
    tempStop: 0.06, overstap: 0.05, productChange: 0.03, extendPast18: 0, repeat: 0.22 },
  { law: 'wmo', code: '07', label: 'dagbesteding', minAge: 18, maxAge: 120,
    incidence: [[18, 0.0022], [40, 0.002], [55, 0.0022], [65, 0.004], [75, 0.0085], [85, 0.01]],
    vulnPower: 0.9, femaleFactor: 1.0, durationMedianMonths: 20, durationSigma: 0.8, allocationMonths: [24],
    decisionDays: [21, 63], waitDays: [7, 35], aanbieders: [['99000050', 0.55], ['99000034', 0.35], ['99000069', 0.1]],
    tempStop: 0.08, overstap: 0.04, productChange: 0.02, extendPast18: 0, repeat: 0.1 },
  { law: 'wmo', code: '08', label: 'vervoerdiensten', minAge: 18, maxAge: 120,
    incidence: [[18, 0.00085], [40, 0.00153], [55, 0.00297], [65, 0.00935], [75, 0.0306], [85, 0.0595]],
    vulnPower: 0.2, femaleFactor: 1.2, durationMedianMonths: 40, durationSigma: 0.7, allocationMonths: [60],
    decisionDays: [14, 49], waitDays: [0, 7], aanbieders: [['99000077', 1]],
    tempStop: 0, overstap: 0, productChange: 0, extendPast18: 0, repeat: 0.03 },
  { law: 'wmo', code: '11', label: 'rolstoelen', minAge: 18, maxAge: 120,
    incidence: [[18, 0.00045], [40, 0.00081], [55, 0.00162], [65, 0.00405], [75, 0.0126], [85, 0.0288]],
    vulnPower: 0.1, femaleFactor: 1.1, durationMedianMonths: 30, durationSigma: 0.7, allocationMonths: [60],
    decisionDays: [14, 56], waitDays: [14, 60], aanbieders: [['99000085', 1]],
    tempStop: 0, overstap: 0, productChange: 0.04, extendPast18: 0, repeat: 0.03 },
  { law: 'wmo', code: '14', label: 'overige hulpmiddelen', minAge: 18, maxAge: 120,
    incidence: [[18, 0.00068], [40, 0.00136], [55, 0.00297], [65, 0.00935], [75, 0.02635], [85, 0.03825]],
    vulnPower: 0.1, femaleFactor: 1.1, durationMedianMonths: 36, durationSigma: 0.7, allocationMonths: [60],
    decisionDays: [14, 56], waitDays: [14, 45], aanbieders: [['99000085', 1]],
    tempStop: 0, overstap: 0, productChange: 0.02, extendPast18: 0, repeat: 0.03 },
  { law: 'wmo', code: '15', label: 'beschermd wonen', minAge: 18, maxAge: 120,
    incidence: [[18, 0.0011], [27, 0.0009], [40, 0.0007], [55, 0.0003], [65, 0.00005], [75, 0]],
    vulnPower: 1.6, femaleFactor: 0.8, durationMedianMonths: 26, durationSigma: 0.6, allocationMonths: [24, 36],
    decisionDays: [14, 84], waitDays: [7, 60], aanbieders: [['99000093', 1]],
    tempStop: 0.04, overstap: 0, productChange: 0.05, extendPast18: 0, repeat: 0.2 },
  { law: 'jeugd', code: '45', label: 'jeugdhulp ambulant', minAge: 0, maxAge: 17,
    incidence: [[0, 0.0285], [4, 0.097], [12, 0.096], [18, 0]],
    vulnPower: 1.0, femaleFactor: 0.85, durationMedianMonths: 7.5, durationSigma: 0.55, allocationMonths: [6, 6, 12],
    decisionDays: [5, 28], waitDays: [5, 42], aanbieders: [['99000115', 0.45], ['99000123', 0.55]],
    tempStop: 0.02, overstap: 0.06, productChange: 0.02, extendPast18: 0.15, repeat: 0.16 },
  { law: 'jeugd', code: '54', label: 'jeugd-ggz', minAge: 3, maxAge: 17,
    incidence: [[3, 0.015], [6, 0.035], [12, 0.052], [18, 0]],
    vulnPower: 0.8, femaleFactor: 1.05, durationMedianMonths: 9, durationSigma: 0.6, allocationMonths: [12],
    decisionDays: [5, 21], waitDays: [14, 90], aanbieders: [['99000131', 1]],
    tempStop: 0.02, overstap: 0, productChange: 0.04, extendPast18: 0.2, repeat: 0.14 },
  { law: 'jeugd', code: '41', label: 'dagbehandeling', minAge: 2, maxAge: 17,
    incidence: [[2, 0.0055], [4, 0.0066], [12, 0.0033], [18, 0]],
    vulnPower: 1.0, femaleFactor: 0.6, durationMedianMonths: 11, durationSigma: 0.5, allocationMonths: [12],
    decisionDays: [7, 28], waitDays: [7, 42], aanbieders: [['99000123', 1]],
    tempStop: 0.02, overstap: 0, productChange: 0, extendPast18: 0, repeat: 0.08 },
  { law: 'jeugd', code: '43', label: 'verblijf inclusief behandeling', minAge: 0, maxAge: 17,
    incidence: [[0, 0.0004], [4, 0.0009], [12, 0.0028], [18, 0]],
    vulnPower: 1.5, femaleFactor: 1.0, durationMedianMonths: 10, durationSigma: 0.7, allocationMonths: [12],
    decisionDays: [0, 14], waitDays: [0, 21], aanbieders: [['99000140', 1]],
    tempStop: 0.03, overstap: 0, productChange: 0, extendPast18: 0.25, repeat: 0.15 },
  { law: 'jeugd', code: '44', label: 'verblijf exclusief behandeling', minAge: 0, maxAge: 17,
    incidence: [[0, 0.0012], [4, 0.0009], [12, 0.0013], [18, 0]],
    vulnPower: 1.6, femaleFactor: 1.0, durationMedianMonths: 20, durationSigma: 0.8, allocationMonths: [24],
    decisionDays: [0, 14], waitDays: [0, 21], aanbieders: [['99000140', 1]],
    tempStop: 0.01, overstap: 0, productChange: 0.03, extendPast18: 0.3, repeat: 0.08 },
  { law: 'jeugd', code: '48', label: 'jeugdbescherming', minAge: 0, maxAge: 17,
    incidence: [[0, 0.0052], [12, 0.0058], [18, 0]],
    vulnPower: 1.7, femaleFactor: 1.0, durationMedianMonths: 16, durationSigma: 0.6, allocationMonths: [12],
    decisionDays: [0, 5], waitDays: [0, 3], aanbieders: [['99000158', 1]],
    tempStop: 0, overstap: 0, productChange: 0, extendPast18: 0, repeat: 0.1 },
  { law: 'jeugd', code: '47', label: 'jeugdreclassering', minAge: 12, maxAge: 22,
    incidence: [[12, 0.0012], [14, 0.0045], [16, 0.0055], [18, 0.0035], [21, 0.002]],
    vulnPower: 1.5, femaleFactor: 0.3, durationMedianMonths: 8, durationSigma: 0.5, allocationMonths: [12],
    decisionDays: [0, 10], waitDays: [0, 10], aanbieders: [['99000158', 1]],
    tempStop: 0, overstap: 0, productChange: 0, extendPast18: 1, repeat: 0.15 },
];

/** Reden beëindiging (307) per law, see domain.md §3.4: key every list by (law, code). */
export const END_REASONS = {
  wmo: { volgensPlan: '19', tijdelijk: '20', doorClient: '21', doorAanbieder: '22', inOverleg: '23', extern: '31', overlijden: '02', gemeente: '36', wijzigingsverzoek: '37', overstap: '38', anderDomein: '39' },
  jeugd: { volgensPlan: '31', tijdelijk: '20', doorClient: '32', doorAanbieder: '33', inOverleg: '34', extern: '35', overlijden: '02', gemeente: '36', wijzigingsverzoek: '37', overstap: '38', anderDomein: '39' },
} as const;

export type EndKind = keyof (typeof END_REASONS)['wmo'];

/** iWmo/iJw 3.2 message metadata (berichtcodes-en-namespaces.csv, XSD appinfo). */
export const MESSAGE_META = {
  WMO301: { code: '414', prefix: 'wmo301', ns: 'http://www.istandaarden.nl/iwmo/3_2/wmo301/schema' },
  WMO305: { code: '418', prefix: 'wmo305', ns: 'http://www.istandaarden.nl/iwmo/3_2/wmo305/schema' },
  WMO307: { code: '420', prefix: 'wmo307', ns: 'http://www.istandaarden.nl/iwmo/3_2/wmo307/schema' },
  JW301: { code: '436', prefix: 'jw301', ns: 'http://www.istandaarden.nl/ijw/3_2/jw301/schema' },
  JW305: { code: '438', prefix: 'jw305', ns: 'http://www.istandaarden.nl/ijw/3_2/jw305/schema' },
  JW307: { code: '440', prefix: 'jw307', ns: 'http://www.istandaarden.nl/ijw/3_2/jw307/schema' },
  WMO315: { code: '444', prefix: 'wmo315', ns: 'http://www.istandaarden.nl/iwmo/3_2/wmo315/schema' },
  WMO317: { code: '480', prefix: 'wmo317', ns: 'http://www.istandaarden.nl/iwmo/3_2/wmo317/schema' },
  WMO319: { code: '482', prefix: 'wmo319', ns: 'http://www.istandaarden.nl/iwmo/3_2/wmo319/schema' },
  WMO323: { code: '484', prefix: 'wmo323', ns: 'http://www.istandaarden.nl/iwmo/3_2/wmo323/schema' },
  WMO325: { code: '485', prefix: 'wmo325', ns: 'http://www.istandaarden.nl/iwmo/3_2/wmo325/schema' },
  JW315: { code: '446', prefix: 'jw315', ns: 'http://www.istandaarden.nl/ijw/3_2/jw315/schema' },
  JW317: { code: '486', prefix: 'jw317', ns: 'http://www.istandaarden.nl/ijw/3_2/jw317/schema' },
  JW319: { code: '488', prefix: 'jw319', ns: 'http://www.istandaarden.nl/ijw/3_2/jw319/schema' },
  JW323: { code: '490', prefix: 'jw323', ns: 'http://www.istandaarden.nl/ijw/3_2/jw323/schema' },
  JW325: { code: '491', prefix: 'jw325', ns: 'http://www.istandaarden.nl/ijw/3_2/jw325/schema' },
} as const;

export const BASIS_META = {
  wmo: { prefix: 'iwmo', ns: 'http://www.istandaarden.nl/iwmo/3_2/basisschema/schema', xsdVersie: '1.0.0', berichtXsdVersie: '1.0.0' },
  // The iJw 3.2 XSDs in shared/data declare BerichtXsdVersie/BasisschemaXsdVersie 0.1.0 in their appinfo
  // (the example messages say 1.0.0); the generator follows the XSD it is validated against.
  jeugd: { prefix: 'ijw', ns: 'http://www.istandaarden.nl/ijw/3_2/basisschema/schema', xsdVersie: '0.1.0', berichtXsdVersie: '0.1.0' },
} as const;
