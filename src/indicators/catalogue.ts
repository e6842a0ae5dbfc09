import type { PeriodType } from '../model/periods.js';

/**
 * Indicator definitions (indicators.md). Each preset is data: what it counts, over what, with
 * which factor, for which periods and breakdowns. The engine (compute.ts) compiles a definition's
 * `shape` to SQL; a changed definition gets a new `version`, never a new meaning under an old id.
 */
export type Polarity = 'up' | 'down' | 'context';

export interface ActivePersonsShape {
  kind: 'active_persons_per_population';
  law: 'wmo' | 'jeugd';
  /** Product categories excluded from the numerator (e.g. 47/48 for jeugdhulp). */
  excludeCategories?: string[];
  /** Only these product categories count (e.g. 48 for jeugdbescherming). */
  onlyCategories?: string[];
  /**
   * Age band (inclusive) for numerator and denominator. Koers rule: a person's age on the last day
   * of P (from birth year and month); inhabitants by age at 1 January of the year of P.
   */
  ageRange?: [number, number];
}

export interface IndicatorDefinition {
  id: string;
  version: number;
  name: string;
  description: string;
  definition: { numerator: string; denominator: string; factor: number };
  unit: string;
  polarity: Polarity;
  group: 'population' | 'how_much' | 'how_well' | 'better_off';
  source: string;
  periodTypes: PeriodType[];
  breakdowns: ('wijk')[];
  periodBoundary: string;
  shape: ActivePersonsShape;
}

const WMO_CLIENTS: IndicatorDefinition = {
  id: 'wmo_clients_per_1000',
  version: 1,
  name: 'Wmo-cliënten per 1.000 inwoners',
  description: 'Hoeveel inwoners in de periode ten minste één lopende Wmo-maatwerkvoorziening hadden, per 1.000 inwoners. Een inwoner telt één keer, ook met meer voorzieningen of aanbieders.',
  definition: {
    numerator: 'Personen met ten minste één actief Wmo-maatwerktraject in de periode (gestart vóór of in de periode, niet definitief beëindigd vóór de periode).',
    denominator: 'Inwoners op 1 januari van het jaar van de periode.',
    factor: 1000,
  },
  unit: 'per 1 000',
  polarity: 'context',
  group: 'population',
  source: 'iWmo-berichten 301, 305 en 307 (toewijzing, start en stop zorg); bevolking per wijk (BRP/CBS).',
  periodTypes: ['year', 'halfyear', 'quarter'],
  breakdowns: ['wijk'],
  periodBoundary: 'Actief in de periode: begindatum (eerste 305) ≤ laatste dag en geen definitieve einddatum vóór de eerste dag. Wijk: woonadres op de laatste dag van de periode.',
  shape: { kind: 'active_persons_per_population', law: 'wmo' },
};

export const CATALOGUE: readonly IndicatorDefinition[] = [
  WMO_CLIENTS,
  {
    // The BBV preset counts exactly the same persons; only the factor and wording differ.
    ...WMO_CLIENTS,
    id: 'bbv_wmo_clients_per_10000',
    name: 'Cliënten met een maatwerkarrangement Wmo per 10.000 inwoners (BBV)',
    description: 'Dezelfde telling als Wmo-cliënten per 1.000 inwoners, uitgedrukt per 10.000 inwoners zoals in de verplichte BBV-beleidsindicator.',
    definition: { ...WMO_CLIENTS.definition, factor: 10000 },
    unit: 'per 10 000',
  },
  {
    id: 'bbv_youth_jeugdhulp_pct',
    version: 1,
    name: 'Jongeren met jeugdhulp (BBV)',
    description: 'Het deel van de jongeren tot 18 jaar dat in de periode jeugdhulp kreeg (zonder jeugdbescherming en jeugdreclassering).',
    definition: {
      numerator: 'Jongeren van 0 tot en met 17 jaar (leeftijd op de laatste dag van de periode) met ten minste één actief jeugdhulptraject, productcategorie niet 47 of 48.',
      denominator: 'Inwoners van 0 tot en met 17 jaar op 1 januari van het jaar van de periode.',
      factor: 100,
    },
    unit: '%',
    polarity: 'context',
    group: 'population',
    source: 'iJw-berichten 301, 305 en 307; bevolking per wijk en leeftijd (BRP/CBS).',
    periodTypes: ['year', 'halfyear', 'quarter'],
    breakdowns: ['wijk'],
    periodBoundary: 'Actief in de periode zoals bij Wmo-cliënten; leeftijd op de laatste dag van de periode. Wijk: woonadres op de laatste dag van de periode.',
    shape: { kind: 'active_persons_per_population', law: 'jeugd', excludeCategories: ['47', '48'], ageRange: [0, 17] },
  },
  {
    id: 'bbv_youth_jeugdbescherming_pct',
    version: 1,
    name: 'Jongeren met jeugdbescherming (BBV)',
    description: 'Het deel van de jongeren tot 18 jaar met een jeugdbeschermingsmaatregel in de periode.',
    definition: {
      numerator: 'Jongeren van 0 tot en met 17 jaar met een actief traject in productcategorie 48 (jeugdbescherming).',
      denominator: 'Inwoners van 0 tot en met 17 jaar op 1 januari van het jaar van de periode.',
      factor: 100,
    },
    unit: '%',
    polarity: 'down',
    group: 'population',
    source: 'iJw-berichten 301, 305 en 307 van gecertificeerde instellingen; bevolking per wijk en leeftijd.',
    periodTypes: ['year', 'halfyear', 'quarter'],
    breakdowns: ['wijk'],
    periodBoundary: 'Als jongeren met jeugdhulp.',
    shape: { kind: 'active_persons_per_population', law: 'jeugd', onlyCategories: ['48'], ageRange: [0, 17] },
  },
  {
    id: 'bbv_youth_jeugdreclassering_pct',
    version: 1,
    name: 'Jongeren met jeugdreclassering (BBV)',
    description: 'Het deel van de jongeren van 12 tot en met 22 jaar met jeugdreclassering in de periode.',
    definition: {
      numerator: 'Jongeren van 12 tot en met 22 jaar met een actief traject in productcategorie 47 (jeugdreclassering).',
      denominator: 'Inwoners van 12 tot en met 22 jaar op 1 januari van het jaar van de periode.',
      factor: 100,
    },
    unit: '%',
    polarity: 'down',
    group: 'population',
    source: 'iJw-berichten 301, 305 en 307 van gecertificeerde instellingen; bevolking per wijk en leeftijd.',
    periodTypes: ['year', 'halfyear', 'quarter'],
    breakdowns: ['wijk'],
    periodBoundary: 'Als jongeren met jeugdhulp, met leeftijd 12 tot en met 22.',
    shape: { kind: 'active_persons_per_population', law: 'jeugd', onlyCategories: ['47'], ageRange: [12, 22] },
  },
];

export function findIndicator(id: string): IndicatorDefinition | undefined {
  return CATALOGUE.find((d) => d.id === id);
}

/** The public part of a definition (what the API and the UI show). */
export function describe(d: IndicatorDefinition) {
  const { shape: _shape, ...rest } = d;
  return rest;
}
