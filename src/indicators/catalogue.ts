import type { PeriodType } from '../model/periods.js';
import type { Condition, Dimension, IndicatorDefinition, Measure } from './definition.js';

/**
 * The standard catalogue (../shared/docs/indicators.md), as data for the compiler. Stable ids; a
 * changed meaning gets a new version. Texts are plain Dutch (B1) for the monitor pages.
 */
export type { IndicatorDefinition, Polarity } from './definition.js';

const ALL: PeriodType[] = ['year', 'halfyear', 'quarter', 'month'];
const NO_MONTH: PeriodType[] = ['year', 'halfyear', 'quarter'];
const PERSON: Dimension[] = ['wijk', 'leeftijd', 'geslacht'];
const CARE: Dimension[] = ['wijk', 'wet', 'productcategorie', 'aanbieder', 'uitvoeringsvariant', 'leeftijd', 'geslacht'];

const eq = (field: string, value: string | number | boolean): Condition => ({ field, op: '=', value });
const MAATWERK = [{ field: 'law', in: ['wmo', 'jeugd'] }] satisfies Condition[];
const OUTCOME_END: Condition = eq('outcome_end', true);
const BIJSTAND: Condition = eq('regeling', 'bijstand');
/** A melding withdrawn by the inhabitant or solved without an aanvraag ends without a beschikking: no besluit. */
const NO_BESLUIT: Condition = { field: 'besluit', notIn: ['ingetrokken', 'geen_aanvraag'] };

const trajectory = (boundary: Measure['boundary'], count: Measure['count'], where: Condition[] = [], extra: Partial<Measure> = {}): Measure =>
  ({ fact: 'trajectory', boundary, count, where, ...extra });
const population = (age?: [number, number]) => ({ population: age ? { age } : {} });

const MESSAGES = 'iWmo/iJw-berichten 301, 305 en 307 (toewijzing, start en stop zorg)';
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
  unit: 'per 1 000', polarity: 'context', group: 'population',
  source: `${MESSAGES}; bevolking per wijk (BRP/CBS).`,
  periodTypes: ALL, breakdowns: PERSON,
  periodBoundary: 'Actief in de periode: begindatum (eerste 305) ≤ laatste dag en geen definitieve einddatum vóór de eerste dag. Wijk: woonadres op de laatste dag van de periode.',
  laws: ['wmo'],
  numerator: trajectory('active', 'persons', [eq('law', 'wmo')]),
  denominator: population(),
  factor: 1000,
};

const YOUTH_SOURCE = 'iJw-berichten 301, 305 en 307; bevolking per wijk en leeftijd (BRP/CBS).';

const ended = (where: Condition[]) => trajectory('ended', 'records', [OUTCOME_END, ...where]);

export const CATALOGUE: readonly IndicatorDefinition[] = [
  // ------------------------------------------------------------------ population results
  WMO_CLIENTS,
  {
    ...WMO_CLIENTS,
    id: 'bbv_wmo_clients_per_10000',
    name: 'Cliënten met een maatwerkarrangement Wmo per 10.000 inwoners (BBV)',
    description: 'Dezelfde telling als Wmo-cliënten per 1.000 inwoners, uitgedrukt per 10.000 inwoners zoals in de verplichte BBV-beleidsindicator.',
    definition: { ...WMO_CLIENTS.definition, factor: 10000 },
    unit: 'per 10 000',
    factor: 10000,
  },
  {
    id: 'bbv_youth_jeugdhulp_pct', version: 1,
    name: 'Jongeren met jeugdhulp (BBV)',
    description: 'Het deel van de jongeren tot 18 jaar dat in de periode jeugdhulp kreeg (zonder jeugdbescherming en jeugdreclassering).',
    definition: {
      numerator: 'Jongeren van 0 tot en met 17 jaar (leeftijd op de laatste dag van de periode) met ten minste één actief jeugdhulptraject, productcategorie niet 47 of 48.',
      denominator: 'Inwoners van 0 tot en met 17 jaar op 1 januari van het jaar van de periode.', factor: 100,
    },
    unit: '%', polarity: 'context', group: 'population', source: YOUTH_SOURCE, periodTypes: ALL, breakdowns: PERSON, laws: ['jeugd'],
    periodBoundary: 'Actief in de periode zoals bij Wmo-cliënten; leeftijd op de laatste dag van de periode. Wijk: woonadres op de laatste dag van de periode.',
    numerator: trajectory('active', 'persons', [eq('law', 'jeugd'), { field: 'category_code', notIn: ['47', '48'] }], { age: [0, 17] }),
    denominator: population([0, 17]), factor: 100,
  },
  {
    id: 'bbv_youth_jeugdbescherming_pct', version: 1,
    name: 'Jongeren met jeugdbescherming (BBV)',
    description: 'Het deel van de jongeren tot 18 jaar met een jeugdbeschermingsmaatregel in de periode.',
    definition: {
      numerator: 'Jongeren van 0 tot en met 17 jaar met een actief traject in productcategorie 48 (jeugdbescherming).',
      denominator: 'Inwoners van 0 tot en met 17 jaar op 1 januari van het jaar van de periode.', factor: 100,
    },
    unit: '%', polarity: 'down', group: 'population', source: 'iJw-berichten 301, 305 en 307 van gecertificeerde instellingen; bevolking per wijk en leeftijd.',
    periodTypes: ALL, breakdowns: PERSON, laws: ['jeugd'], periodBoundary: 'Als jongeren met jeugdhulp.',
    numerator: trajectory('active', 'persons', [eq('law', 'jeugd'), { field: 'category_code', in: ['48'] }], { age: [0, 17] }),
    denominator: population([0, 17]), factor: 100,
  },
  {
    id: 'bbv_youth_jeugdreclassering_pct', version: 1,
    name: 'Jongeren met jeugdreclassering (BBV)',
    description: 'Het deel van de jongeren van 12 tot en met 22 jaar met jeugdreclassering in de periode.',
    definition: {
      numerator: 'Jongeren van 12 tot en met 22 jaar met een actief traject in productcategorie 47 (jeugdreclassering).',
      denominator: 'Inwoners van 12 tot en met 22 jaar op 1 januari van het jaar van de periode.', factor: 100,
    },
    unit: '%', polarity: 'down', group: 'population', source: 'iJw-berichten 301, 305 en 307 van gecertificeerde instellingen; bevolking per wijk en leeftijd.',
    periodTypes: ALL, breakdowns: PERSON, laws: ['jeugd'], periodBoundary: 'Als jongeren met jeugdhulp, met leeftijd 12 tot en met 22.',
    numerator: trajectory('active', 'persons', [eq('law', 'jeugd'), { field: 'category_code', in: ['47'] }], { age: [12, 22] }),
    denominator: population([12, 22]), factor: 100,
  },
  {
    id: 'bbv_bijstand_per_10000', version: 1,
    name: 'Personen met een bijstandsuitkering per 10.000 inwoners van 18 jaar en ouder (BBV)',
    description: 'Hoeveel inwoners op de laatste dag van de periode een bijstandsuitkering hadden, per 10.000 inwoners van 18 jaar en ouder.',
    definition: { numerator: 'Personen met een lopende bijstandsuitkering op de laatste dag van de periode.', denominator: 'Inwoners van 18 jaar en ouder op 1 januari van het jaar van de periode.', factor: 10000 },
    unit: 'per 10 000', polarity: 'down', group: 'population', source: 'uitkeringsregistratie Participatiewet (bron uitkeringen); bevolking.',
    periodTypes: ALL, breakdowns: PERSON, laws: ['pwet'], periodBoundary: 'Lopend op de laatste dag van de periode.',
    numerator: { fact: 'benefit', boundary: 'active_at_end', count: 'persons', where: [BIJSTAND] },
    denominator: population([18, 120]), factor: 10000,
  },
  {
    id: 'bbv_children_benefit_household_pct', version: 1,
    name: 'Kinderen in een huishouden met een bijstandsuitkering (BBV)',
    description: 'Het deel van de kinderen tot 18 jaar dat opgroeit in een huishouden met een bijstandsuitkering.',
    definition: { numerator: 'Kinderen van 0 tot en met 17 jaar in huishoudens met een lopende bijstandsuitkering op de laatste dag van de periode (aantal kinderen volgens de uitkeringsregistratie).', denominator: 'Inwoners van 0 tot en met 17 jaar op 1 januari.', factor: 100 },
    unit: '%', polarity: 'down', group: 'population', source: 'uitkeringsregistratie Participatiewet met het aantal kinderen (bron uitkeringen); bevolking.',
    periodTypes: ALL, breakdowns: ['wijk'], laws: ['pwet'], periodBoundary: 'Lopend op de laatste dag van de periode; wijk van de uitkeringsontvanger.',
    numerator: { fact: 'benefit', boundary: 'active_at_end', count: { sum: 'children' }, where: [BIJSTAND] },
    denominator: population([0, 17]), factor: 100,
  },
  {
    id: 'households_multiple_provisions_pct', version: 1,
    name: 'Huishoudens met meer voorzieningen tegelijk',
    description: 'Van de huishoudens met ondersteuning: het deel dat in de periode twee of meer voorzieningen tegelijk had (stapeling).',
    definition: { numerator: 'Huishoudens met twee of meer actieve voorzieningen (Wmo, jeugdhulp, bijstand, schuldhulp).', denominator: 'Huishoudens met ten minste één actieve voorziening.', factor: 100 },
    unit: '%', polarity: 'context', group: 'population', source: `${MESSAGES}; uitkeringen; schuldhulp; adressen (huishouden).`,
    periodTypes: NO_MONTH, breakdowns: ['wijk'], periodBoundary: 'Actief in de periode; huishouden = zelfde adres op de laatste dag van de periode.',
    numerator: { fact: 'household_period', boundary: 'per_period', count: 'records', where: [{ field: 'n_provisions', op: '>=', value: 2 }] },
    denominator: { fact: 'household_period', boundary: 'per_period', count: 'records' }, factor: 100,
  },
  {
    id: 'households_multiple_laws_pct', version: 1,
    name: 'Huishoudens met ondersteuning uit meer wetten',
    description: 'Van de huishoudens met ondersteuning: het deel met voorzieningen uit twee of meer van Wmo, Jeugdwet en Participatiewet.',
    definition: { numerator: 'Huishoudens met actieve voorzieningen onder twee of meer van Wmo, Jeugdwet en Participatiewet.', denominator: 'Huishoudens met ten minste één actieve voorziening.', factor: 100 },
    unit: '%', polarity: 'context', group: 'population', source: `${MESSAGES}; uitkeringen; adressen (huishouden).`,
    periodTypes: NO_MONTH, breakdowns: ['wijk'], periodBoundary: 'Als huishoudens met meer voorzieningen.',
    numerator: { fact: 'household_period', boundary: 'per_period', count: 'records', where: [{ field: 'n_core_laws', op: '>=', value: 2 }] },
    denominator: { fact: 'household_period', boundary: 'per_period', count: 'records' }, factor: 100,
  },
  {
    id: 'segment_self_reliant_pct', version: 1,
    name: 'Inwoners zonder ondersteuning (de 80 %)',
    description: 'Het deel van de inwoners dat in de periode geen maatwerk, uitkering of schuldhulp had: zij redden zich zelf of met hun omgeving.',
    definition: { numerator: 'Inwoners zonder actieve voorziening (inwoners min personen met ten minste één voorziening).', denominator: 'Inwoners op 1 januari.', factor: 100 },
    unit: '%', polarity: 'up', group: 'population', source: `${MESSAGES}; uitkeringen; schuldhulp; bevolking.`,
    periodTypes: NO_MONTH, breakdowns: PERSON, periodBoundary: 'Actief in de periode. Algemene voorzieningen tellen niet als voorziening.',
    numerator: { fact: 'person_period', boundary: 'per_period', count: 'persons' },
    denominator: population(), factor: 100, valueRule: 'complement',
  },
  {
    id: 'segment_at_risk_pct', version: 1,
    name: 'Inwoners met lichte of enkelvoudige ondersteuning (de 15 %)',
    description: 'Inwoners met ten minste één voorziening die niet in de kwetsbare groep vallen.',
    definition: { numerator: 'Personen met een actieve voorziening, niet kwetsbaar (zie kwetsbare inwoners).', denominator: 'Inwoners op 1 januari.', factor: 100 },
    unit: '%', polarity: 'context', group: 'population', source: `${MESSAGES}; uitkeringen; schuldhulp; ZRM; bevolking.`,
    periodTypes: NO_MONTH, breakdowns: PERSON, periodBoundary: 'Actief in de periode.',
    numerator: { fact: 'person_period', boundary: 'per_period', count: 'persons', where: [eq('vulnerable', false)] },
    denominator: population(), factor: 100,
  },
  {
    id: 'segment_vulnerable_pct', version: 1,
    name: 'Kwetsbare inwoners (de 5 %)',
    description: 'Inwoners met ondersteuning uit twee of meer wetten, met verblijf of beschermd wonen, of met een lage ZRM-score op een basisvoorwaarde.',
    definition: { numerator: 'Personen met actieve voorzieningen uit twee of meer wetten (Wmo, Jeugdwet, Participatiewet, schuldhulp), of een verblijfsvoorziening, of in de laatste ZRM (12 maanden) een score 1 of 2 op financiën, huisvesting, sociaal netwerk of werk/dagbesteding.', denominator: 'Inwoners op 1 januari.', factor: 100 },
    unit: '%', polarity: 'down', group: 'population', source: `${MESSAGES}; uitkeringen; schuldhulp; ZRM; bevolking.`,
    periodTypes: NO_MONTH, breakdowns: PERSON, periodBoundary: 'Actief in de periode; ZRM: de laatste meting in de 12 maanden tot de laatste dag.',
    numerator: { fact: 'person_period', boundary: 'per_period', count: 'persons', where: [eq('vulnerable', true)] },
    denominator: population(), factor: 100,
  },
  // ------------------------------------------------------------------ how much did we do
  {
    id: 'starts_per_1000', version: 1,
    name: 'Nieuwe instroom per 1.000 inwoners',
    description: 'Hoeveel trajecten in de periode nieuw startten, per 1.000 inwoners. Een start telt niet als de persoon in de 90 dagen ervoor al zo’n traject had.',
    definition: { numerator: 'Trajecten gestart in de periode zonder traject in dezelfde wet en categorie voor die persoon in de 90 dagen ervoor.', denominator: 'Inwoners op 1 januari.', factor: 1000 },
    unit: 'per 1 000', polarity: 'context', group: 'how_much', source: `${MESSAGES}; bevolking.`,
    periodTypes: ALL, breakdowns: PERSON, periodBoundary: 'Begindatum (eerste 305) in de periode.',
    numerator: trajectory('started', 'records', [eq('instroom', true)]),
    denominator: population(), factor: 1000,
  },
  {
    id: 'outflow_pct', version: 1,
    name: 'Uitstroom',
    description: 'Van de trajecten die aan het begin van de periode liepen: hoeveel er in de periode definitief stopten.',
    definition: { numerator: 'Trajecten definitief beëindigd in de periode.', denominator: 'Trajecten actief op de eerste dag van de periode.', factor: 100 },
    unit: '%', polarity: 'context', group: 'how_much', source: MESSAGES, periodTypes: ALL, breakdowns: CARE,
    periodBoundary: 'Einddatum (307 of verlopen toewijzing zonder start) in de periode.',
    numerator: trajectory('ended', 'records'), denominator: trajectory('active_at_start', 'records'), factor: 100,
  },
  {
    id: 'step_down_pct', version: 1,
    name: 'Afgeschaald naar lichtere hulp',
    description: 'Van de beëindigde trajecten: het deel waarna de inwoner binnen 30 dagen geen nieuw maatwerk, uitkering of schuldhulp kreeg (verder met algemene voorzieningen of het eigen netwerk).',
    definition: { numerator: 'Beëindigde trajecten zonder ander maatwerk, uitkering of schuldhulp binnen 30 dagen na de einddatum.', denominator: 'Beëindigde trajecten (zonder overlijden en administratieve redenen).', factor: 100 },
    unit: '%', polarity: 'up', group: 'how_much', source: `${MESSAGES}; uitkeringen; schuldhulp.`, periodTypes: ALL, breakdowns: CARE,
    periodBoundary: 'Einddatum in de periode; voorlopig tot 30 dagen na de periode.', followUpDays: 30,
    numerator: ended([eq('no_maatwerk_30d', true)]), denominator: ended([]), factor: 100,
  },
  // ------------------------------------------------------------------ how well did we do it
  {
    id: 'wmo_decision_days_median', version: 1,
    name: 'Doorlooptijd melding tot besluit Wmo (mediaan)',
    description: 'Hoeveel dagen het meestal duurt van melding tot besluit bij de Wmo. De helft van de besluiten was sneller, de helft langzamer.',
    definition: { numerator: 'Mediaan van het aantal kalenderdagen van melding tot besluit.', denominator: 'Besluiten (beschikkingen: toegekend, deels toegekend, afgewezen, buiten behandeling) in de periode; een ingetrokken melding of een melding zonder aanvraag is geen besluit.', factor: 1 },
    unit: 'dagen', polarity: 'down', group: 'how_well', source: 'toegangsregistratie (bron toegang).', periodTypes: ALL, breakdowns: ['wijk', 'team', 'productcategorie', 'leeftijd', 'geslacht'], laws: ['wmo'],
    periodBoundary: 'Besluitdatum in de periode.',
    numerator: { fact: 'toegang', boundary: 'event', count: { median: 'decision_days' }, where: [eq('law', 'wmo'), NO_BESLUIT] },
    denominator: { fact: 'toegang', boundary: 'event', count: 'records', where: [eq('law', 'wmo'), NO_BESLUIT] }, factor: 1, valueRule: 'statistic', numeratorKind: 'statistic',
  },
  {
    id: 'wmo_decision_in_term_pct', version: 1,
    name: 'Wmo-besluiten binnen de wettelijke termijn',
    description: 'Het deel van de Wmo-besluiten dat binnen 8 weken na de melding is genomen (6 weken onderzoek en 2 weken voor het besluit).',
    definition: { numerator: 'Besluiten in de periode genomen binnen 56 dagen na de melding.', denominator: 'Besluiten (beschikkingen) in de periode; een ingetrokken melding of een melding zonder aanvraag is geen besluit.', factor: 100 },
    unit: '%', polarity: 'up', group: 'how_well', source: 'toegangsregistratie (bron toegang).', periodTypes: ALL, breakdowns: ['wijk', 'team', 'productcategorie', 'leeftijd', 'geslacht'], laws: ['wmo'],
    periodBoundary: 'Besluitdatum in de periode.',
    numerator: { fact: 'toegang', boundary: 'event', count: 'records', where: [eq('law', 'wmo'), NO_BESLUIT, eq('decision_in_term', true)] },
    denominator: { fact: 'toegang', boundary: 'event', count: 'records', where: [eq('law', 'wmo'), NO_BESLUIT] }, factor: 100,
  },
  {
    id: 'vot_answered_in_time_pct', version: 1,
    name: 'Verzoeken om toewijzing op tijd beantwoord',
    description: 'Het deel van de verzoeken om toewijzing (315) dat de gemeente binnen 5 werkdagen beantwoordde met een toewijzing (301) of antwoordbericht (319).',
    definition: { numerator: '315-verzoeken ontvangen in de periode met een 301 of 319 binnen 5 werkdagen.', denominator: '315-verzoeken ontvangen in de periode.', factor: 100 },
    unit: '%', polarity: 'up', group: 'how_well', source: 'iWmo/iJw-berichten 315, 301 en 319.', periodTypes: ALL, breakdowns: ['wijk', 'wet', 'aanbieder', 'leeftijd', 'geslacht'],
    periodBoundary: 'Ontvangstdatum van het verzoek in de periode; voorlopig tot 5 werkdagen na de periode.', followUpDays: 9,
    numerator: { fact: 'verzoek', boundary: 'event', count: 'records', where: [eq('soort', '315'), eq('answered_in_time', true)] },
    denominator: { fact: 'verzoek', boundary: 'event', count: 'records', where: [eq('soort', '315')] }, factor: 100,
  },
  {
    id: 'wait_to_start_days_median', version: 1,
    name: 'Wachttijd van toewijzing tot start (mediaan)',
    description: 'Hoeveel dagen het meestal duurt van toewijzing tot de start van de hulp.',
    definition: { numerator: 'Mediaan van het aantal dagen van de toewijzingsdatum (van de eerste versie van de toewijzing; een latere wijziging of verlenging telt niet) tot de eerste begindatum (305). Een toewijzing die pas na de start is verstuurd telt als 0 dagen wachten.', denominator: 'Trajecten gestart in de periode.', factor: 1 },
    unit: 'dagen', polarity: 'down', group: 'how_well', source: MESSAGES, periodTypes: ALL, breakdowns: CARE,
    periodBoundary: 'Begindatum in de periode.',
    numerator: trajectory('started', { median: 'wait_days' }, [{ field: 'wait_days', isNull: false }]),
    denominator: trajectory('started', 'records', [{ field: 'wait_days', isNull: false }]), factor: 1, valueRule: 'statistic', numeratorKind: 'statistic',
  },
  {
    id: 'allocations_not_started_pct', version: 1,
    name: 'Toewijzingen zonder start binnen 42 dagen',
    description: 'Het deel van de toewijzingen waarbij de zorg niet binnen 42 dagen na de ingangsdatum is gestart.',
    definition: { numerator: 'Toewijzingen met ingangsdatum in de periode zonder startbericht (305) binnen 42 dagen.', denominator: 'Toewijzingen met ingangsdatum in de periode.', factor: 100 },
    unit: '%', polarity: 'down', group: 'how_well', source: 'iWmo/iJw-berichten 301 en 305.', periodTypes: ALL, breakdowns: ['wijk', 'wet', 'productcategorie', 'aanbieder', 'leeftijd', 'geslacht'],
    periodBoundary: 'Ingangsdatum van de toewijzing in de periode; definitief als 42 dagen voorbij zijn.', followUpDays: 42,
    numerator: { fact: 'toewijzing', boundary: 'event', count: 'records', where: [eq('started_within_42d', false)] },
    denominator: { fact: 'toewijzing', boundary: 'event', count: 'records' }, factor: 100,
  },
  {
    id: 'utilisation_pct', version: 1,
    name: 'Benutting van toegewezen zorg',
    description: 'Hoeveel van het toegewezen bedrag is gedeclareerd en toegekend. Rond 90 tot 100 % is gewoon; veel lager betekent dat zorg niet geleverd wordt.',
    definition: { numerator: 'Toegekend bedrag (325) voor prestaties in de periode, inspannings- en outputgericht.', denominator: 'Toegewezen bedrag voor de periode: omvang × tarief of het budget van de toewijzing.', factor: 100 },
    unit: '%', polarity: 'context', band: [90, 100], group: 'how_well', source: 'iWmo/iJw-berichten 301, 323 en 325; contracten met tarieven.', periodTypes: ALL, breakdowns: ['wet', 'productcategorie', 'aanbieder', 'uitvoeringsvariant'],
    periodBoundary: 'Prestatieperiode in de periode; toewijzing naar rato van de dagen in de periode.', followUpDays: 92,
    numerator: { fact: 'prestatie', boundary: 'event', date: 'periode_begin', count: { sum: 'toegekend_cents' }, where: [{ field: 'variant', in: ['inspanningsgericht', 'outputgericht'] }] },
    denominator: { fact: 'allocation', boundary: 'active', count: { sumOverDays: 'cents_per_day' }, where: [{ field: 'variant', in: ['inspanningsgericht', 'outputgericht'] }] },
    factor: 100, numeratorKind: 'amount',
  },
  {
    id: 'declaration_rejected_pct', version: 1,
    name: 'Afgewezen declaratieregels',
    description: 'Het deel van de gedeclareerde prestaties dat de gemeente afwees.',
    definition: { numerator: 'Prestaties ingediend (323) in de periode en afgewezen in een 325.', denominator: 'Prestaties ingediend in de periode.', factor: 100 },
    unit: '%', polarity: 'down', group: 'how_well', source: 'iWmo/iJw-berichten 323 en 325.', periodTypes: ALL, breakdowns: ['wet', 'productcategorie', 'aanbieder', 'uitvoeringsvariant'],
    periodBoundary: 'Dagtekening van de declaratie in de periode.', followUpDays: 14,
    numerator: { fact: 'prestatie', boundary: 'event', count: 'records', where: [eq('rejected', true)] },
    denominator: { fact: 'prestatie', boundary: 'event', count: 'records' }, factor: 100,
  },
  {
    id: 'declarations_without_allocation_pct', version: 3,
    changes: [
      { version: 2, date: '2026-11-23', text: 'Een prestatie telt alleen als gedekt als de hele prestatieperiode binnen de toewijzing valt (iStandaard TR307/TR308). Versie 1 telde een prestatie die de toewijzing maar deels raakte ook als gedekt.' },
      { version: 3, date: '2026-11-23', text: 'Een toewijzing dekt een prestatie alleen als ze van dezelfde aanbieder is en voor hetzelfde product (dezelfde categorie en productcode; een toewijzing zonder productcode dekt elk product van de categorie, een toewijzing zonder product elk product). Versie 2 keek alleen naar het toewijzingnummer en de periode.' },
    ],
    name: 'Declaraties zonder geldige toewijzing',
    description: 'Het deel van de gedeclareerde prestaties waarvoor geen geldige toewijzing was voor dat product en die periode.',
    definition: { numerator: 'Gedeclareerde prestaties zonder toewijzing met dat nummer, van die aanbieder en voor dat product, die de hele prestatieperiode dekt.', denominator: 'Gedeclareerde prestaties.', factor: 100 },
    unit: '%', polarity: 'down', group: 'how_well', source: 'iWmo/iJw-berichten 301 en 323.', periodTypes: ALL, breakdowns: ['wet', 'productcategorie', 'aanbieder', 'uitvoeringsvariant'],
    periodBoundary: 'Dagtekening van de declaratie in de periode.',
    numerator: { fact: 'prestatie', boundary: 'event', count: 'records', where: [eq('without_allocation', true)] },
    denominator: { fact: 'prestatie', boundary: 'event', count: 'records' }, factor: 100,
  },
  {
    id: 'change_requests_granted_pct', version: 1,
    name: 'Verzoeken om wijziging toegekend',
    description: 'Het deel van de verzoeken om wijziging (317) dat met een nieuwe toewijzing (301) is gehonoreerd.',
    definition: { numerator: '317-verzoeken ontvangen in de periode gevolgd door een toewijzing.', denominator: '317-verzoeken ontvangen in de periode.', factor: 100 },
    unit: '%', polarity: 'context', group: 'how_well', source: 'iWmo/iJw-berichten 317, 301 en 319.', periodTypes: ALL, breakdowns: ['wijk', 'wet', 'aanbieder', 'leeftijd', 'geslacht'],
    periodBoundary: 'Ontvangstdatum in de periode; voorlopig tot 8 weken na de periode.', followUpDays: 56,
    numerator: { fact: 'verzoek', boundary: 'event', count: 'records', where: [eq('soort', '317'), eq('granted', true)] },
    denominator: { fact: 'verzoek', boundary: 'event', count: 'records', where: [eq('soort', '317')] }, factor: 100,
  },
  {
    id: 'cost_per_client', version: 2,
    changes: [{ version: 2, date: '2026-11-23', text: 'Alleen cliënten met een toegekend bedrag tellen mee. Versie 1 telde ook cliënten van wie alle prestaties waren afgewezen, gecrediteerd of nog niet beantwoord; daardoor leken de kosten per cliënt lager.' }],
    name: 'Kosten per cliënt',
    description: 'Het toegekende bedrag voor zorg in de periode gedeeld door het aantal cliënten met declaraties.',
    definition: { numerator: 'Toegekend bedrag (325) voor prestaties in de periode.', denominator: 'Personen met prestaties in de periode waarvoor de gemeente een bedrag heeft toegekend (niet afgewezen en niet gecrediteerd).', factor: 0.01 },
    unit: '€', polarity: 'down', group: 'how_well', source: 'iWmo/iJw-berichten 323 en 325.', periodTypes: ALL, breakdowns: ['wijk', 'wet', 'productcategorie', 'aanbieder'],
    periodBoundary: 'Prestatieperiode begint in de periode.', followUpDays: 92,
    numerator: { fact: 'prestatie', boundary: 'event', date: 'periode_begin', count: { sum: 'toegekend_cents' } },
    // Only persons for whom an amount stands: a person whose prestaties were all rejected, credited or not yet answered had no cost.
    denominator: { fact: 'prestatie', boundary: 'event', date: 'periode_begin', count: 'persons', where: [eq('status', 'toegekend')] }, factor: 0.01, numeratorKind: 'amount',
  },
  {
    id: 'trajectory_days_median', version: 1,
    name: 'Duur van trajecten (mediaan)',
    description: 'Hoe lang trajecten die in de periode eindigden meestal duurden, in dagen.',
    definition: { numerator: 'Mediaan van het aantal dagen van start tot definitief einde.', denominator: 'Trajecten beëindigd in de periode.', factor: 1 },
    unit: 'dagen', polarity: 'context', group: 'how_well', source: MESSAGES, periodTypes: ALL, breakdowns: CARE, periodBoundary: 'Einddatum in de periode.',
    numerator: trajectory('ended', { median: 'duration_days' }), denominator: trajectory('ended', 'records'), factor: 1, valueRule: 'statistic', numeratorKind: 'statistic',
  },
  {
    id: 'cost_per_success', version: 1,
    name: 'Kosten per traject dat volgens plan eindigde',
    description: 'Het gemiddeld toegekende bedrag van trajecten die in de periode volgens plan eindigden.',
    definition: { numerator: 'Totaal toegekend bedrag van trajecten die in de periode volgens plan eindigden (Wmo 19, Jeugd 31).', denominator: 'Aantal van die trajecten.', factor: 0.01 },
    unit: '€', polarity: 'down', group: 'how_well', source: 'iWmo/iJw-berichten 301, 305, 307, 323 en 325.', periodTypes: NO_MONTH, breakdowns: ['wet', 'productcategorie', 'aanbieder', 'wijk', 'leeftijd', 'geslacht'],
    periodBoundary: 'Einddatum in de periode.', followUpDays: 92,
    numerator: { fact: 'trajectory_cost', boundary: 'ended', count: { sum: 'toegekend_cents' }, where: [eq('end_class', 'volgens_plan')] },
    denominator: { fact: 'trajectory_cost', boundary: 'ended', count: 'records', where: [eq('end_class', 'volgens_plan')] }, factor: 0.01, numeratorKind: 'amount',
  },
  {
    id: 'budget_realisation_pct', version: 1,
    name: 'Realisatie van de begroting',
    description: 'Hoeveel van de begroting tot en met de periode is uitgegeven of verplicht. Rond 100 % aan het eind van het jaar is op koers.',
    definition: { numerator: 'Realisatie en verplichtingen van 1 januari tot en met de laatste maand van de periode.', denominator: 'Begroting van het jaar (de gewijzigde begroting als die er is).', factor: 100 },
    unit: '%', polarity: 'context', band: [95, 100], group: 'how_well', source: 'begroting en realisatie per taakveld (bron budget).', periodTypes: ['year', 'quarter', 'month'], breakdowns: ['taakveld', 'wet'],
    periodBoundary: 'Jaar tot en met de periode.', disclosure: 'none',
    numerator: { fact: 'budget_spend', boundary: 'year_to_date', count: { sum: 'amount_cents' } },
    denominator: { fact: 'budget_plan', boundary: 'in_year', count: { sum: 'amount_cents' } }, factor: 100, numeratorKind: 'amount',
  },
  {
    id: 'debt_help_in_time_pct', version: 1,
    name: 'Schuldhulp: eerste gesprek op tijd',
    description: 'Het deel van de aanmeldingen voor schuldhulp met een eerste gesprek binnen 4 weken, of binnen 3 werkdagen als huisuitzetting of afsluiting dreigt.',
    definition: { numerator: 'Aanmeldingen in de periode met een eerste gesprek op tijd.', denominator: 'Aanmeldingen in de periode.', factor: 100 },
    unit: '%', polarity: 'up', group: 'how_well', source: 'schuldhulpregistratie (bron schuldhulp).', periodTypes: ALL, breakdowns: ['wijk', 'team', 'leeftijd', 'geslacht'], laws: ['schuldhulp'],
    periodBoundary: 'Aanmelddatum in de periode; voorlopig tot 4 weken na de periode.', followUpDays: 28,
    numerator: { fact: 'schuldhulp', boundary: 'event', count: 'records', where: [eq('in_time', true)] },
    denominator: { fact: 'schuldhulp', boundary: 'event', count: 'records' }, factor: 100,
  },
  {
    id: 'message_quality_pct', version: 1,
    name: 'Kwaliteit van stopberichten',
    description: 'Het deel van de stopberichten (307) met een inhoudelijke reden dat binnen 5 werkdagen na de einddatum binnenkwam.',
    definition: { numerator: '307-berichten in de periode met een inhoudelijke reden (niet 36, 37 of 38), ontvangen binnen 5 werkdagen na de einddatum.', denominator: '307-berichten in de periode.', factor: 100 },
    unit: '%', polarity: 'up', group: 'how_well', source: 'iWmo/iJw-berichten 307.', periodTypes: ALL, breakdowns: ['wet', 'productcategorie', 'aanbieder'],
    periodBoundary: 'Dagtekening van het bericht in de periode.',
    numerator: { fact: 'stop_message', boundary: 'event', count: 'records', where: [eq('substantive', true), eq('timely', true)] },
    denominator: { fact: 'stop_message', boundary: 'event', count: 'records' }, factor: 100,
  },
  // ------------------------------------------------------------------ is anyone better off
  {
    id: 'ended_as_planned_pct', version: 1,
    name: 'Volgens plan beëindigd',
    description: 'Van de beëindigde trajecten: het deel dat volgens plan eindigde.',
    definition: { numerator: 'Trajecten beëindigd in de periode met reden volgens plan (Wmo 19, Jeugd 31).', denominator: 'Beëindigde trajecten, zonder overlijden (02) en administratieve redenen (36, 37, 38).', factor: 100 },
    unit: '%', polarity: 'up', group: 'better_off', source: MESSAGES, periodTypes: ALL, breakdowns: CARE, periodBoundary: 'Einddatum in de periode.',
    numerator: ended([eq('end_class', 'volgens_plan')]), denominator: ended([]), factor: 100,
  },
  {
    id: 'dropout_pct', version: 1,
    name: 'Uitval',
    description: 'Van de beëindigde trajecten: het deel dat eenzijdig werd afgebroken door de cliënt of de aanbieder.',
    definition: { numerator: 'Trajecten beëindigd met reden eenzijdig door cliënt of aanbieder (Wmo 21, 22; Jeugd 32, 33).', denominator: 'Beëindigde trajecten (uitkomstnoemer).', factor: 100 },
    unit: '%', polarity: 'down', group: 'better_off', source: MESSAGES, periodTypes: ALL, breakdowns: CARE, periodBoundary: 'Einddatum in de periode.',
    numerator: ended([eq('end_class', 'uitval')]), denominator: ended([]), factor: 100,
  },
  {
    id: 'no_new_start_12m_pct', version: 1,
    name: 'Geen nieuwe start binnen 12 maanden',
    description: 'Van de inwoners bij wie een traject eindigde: het deel dat binnen 12 maanden geen nieuwe hulp in dezelfde wet nodig had.',
    definition: { numerator: 'Personen met een definitief einde in de periode zonder nieuwe start in dezelfde wet binnen 12 maanden.', denominator: 'Personen met een definitief einde in de periode (zonder overlijden en administratieve redenen) bij wie de hulp in die wet ophield: loopt er op de einddatum nog een ander traject in dezelfde wet door, dan telt dat einde niet mee (zoals CBS bij "geen nieuwe start jeugdhulp").', factor: 100 },
    unit: '%', polarity: 'up', group: 'better_off', source: MESSAGES, periodTypes: ALL, breakdowns: CARE,
    periodBoundary: 'Einddatum in de periode; voorlopig tot 12 maanden na de periode.', followUpDays: 365,
    numerator: trajectory('ended', 'persons', [OUTCOME_END, eq('law_continues', false), { anyOf: [{ field: 'next_law_start', isNull: true }, { field: 'next_law_start', op: '>', relativeTo: 'field', otherField: 'end_date', months: 12 }] }]),
    denominator: trajectory('ended', 'persons', [OUTCOME_END, eq('law_continues', false)]), factor: 100,
  },
  {
    id: 'repeat_use_at_start_pct', version: 1,
    name: 'Herhaald beroep bij start (CBS)',
    description: 'Van de trajecten die in de periode startten: het deel van inwoners die in de 5 jaar ervoor al hulp in dezelfde wet hadden (niet direct aansluitend).',
    definition: { numerator: 'Starts in de periode van personen met een eerder traject in dezelfde wet dat eindigde in de 5 jaar vóór de periode, met minstens 1 dag ertussen.', denominator: 'Starts in de periode.', factor: 100 },
    unit: '%', polarity: 'down', group: 'better_off', source: MESSAGES, periodTypes: ALL, breakdowns: CARE, periodBoundary: 'Begindatum in de periode.',
    numerator: trajectory('started', 'records', [{ field: 'prev_law_end', op: '>=', relativeTo: 'p_start', months: -60 }]),
    denominator: trajectory('started', 'records'), factor: 100,
  },
  {
    id: 'exit_other_domain_pct', version: 1,
    name: 'Uitstroom naar een ander domein',
    description: 'Van de beëindigde trajecten: het deel dat eindigde omdat de inwoner naar een ander domein ging, zoals de Wet langdurige zorg.',
    definition: { numerator: 'Trajecten beëindigd met reden 39 (uitstroom naar ander domein).', denominator: 'Beëindigde trajecten (uitkomstnoemer).', factor: 100 },
    unit: '%', polarity: 'context', group: 'better_off', source: MESSAGES, periodTypes: ALL, breakdowns: CARE, periodBoundary: 'Einddatum in de periode.',
    numerator: ended([eq('end_reason', '39')]), denominator: ended([]), factor: 100,
  },
  {
    id: 'zrm_progress_pct', version: 1,
    name: 'Vooruitgang op de Zelfredzaamheid-Matrix',
    description: 'Van de inwoners met twee of meer ZRM-metingen: het deel dat op ten minste één domein vooruitging en op geen enkel domein achteruit.',
    definition: { numerator: 'Personen van wie de laatste meting in de periode ten opzichte van de eerste meting op ≥ 1 domein hoger en op geen domein lager is.', denominator: 'Personen met een meting in de periode en ten minste één eerdere meting.', factor: 100 },
    unit: '%', polarity: 'up', group: 'better_off', source: 'ZRM-metingen (bron zrm).', periodTypes: ALL, breakdowns: PERSON, periodBoundary: 'Datum van de laatste meting in de periode.',
    numerator: { fact: 'zrm', boundary: 'event', count: 'persons', latestPerPerson: true, where: [{ field: 'nth', op: '>=', value: 2 }], latestWhere: [{ field: 'domains_up', op: '>=', value: 1 }, eq('domains_down', 0)] },
    denominator: { fact: 'zrm', boundary: 'event', count: 'persons', latestPerPerson: true, where: [{ field: 'nth', op: '>=', value: 2 }] }, factor: 100,
  },
  {
    id: 'basic_conditions_met_pct', version: 1,
    name: 'Basisvoorwaarden op orde bij afsluiting',
    description: 'Van de inwoners bij wie het plan werd afgesloten: het deel met financiën, huisvesting, werk of dagbesteding en sociaal netwerk op orde (ZRM 3 of hoger).',
    definition: { numerator: 'Personen met bij de uitstroommeting een score ≥ 3 op financiën, huisvesting, werk & opleiding of tijdsbesteding, en sociaal netwerk.', denominator: 'Personen met een uitstroommeting in de periode.', factor: 100 },
    unit: '%', polarity: 'up', group: 'better_off', source: 'ZRM-metingen (bron zrm).', periodTypes: ALL, breakdowns: PERSON, periodBoundary: 'Datum van de uitstroommeting in de periode.',
    numerator: { fact: 'zrm', boundary: 'event', count: 'persons', latestPerPerson: true, where: [eq('moment', 'uitstroom')], latestWhere: [{ field: 'financien', op: '>=', value: 3 }, { field: 'huisvesting', op: '>=', value: 3 }, { field: 'sociaal_netwerk', op: '>=', value: 3 }, { anyOf: [{ field: 'werk_opleiding', op: '>=', value: 3 }, { field: 'tijdsbesteding', op: '>=', value: 3 }] }] },
    denominator: { fact: 'zrm', boundary: 'event', count: 'persons', latestPerPerson: true, where: [eq('moment', 'uitstroom')] }, factor: 100,
  },
  {
    id: 'goal_attainment_pct', version: 1,
    name: 'Doelen bereikt (GAS)',
    description: 'Het deel van de plandoelen dat bij de evaluatie ten minste het verwachte niveau haalde (GAS-score 0 of hoger).',
    definition: { numerator: 'Plandoelen geëvalueerd in de periode met GAS-score ≥ 0.', denominator: 'Plandoelen geëvalueerd in de periode.', factor: 100 },
    unit: '%', polarity: 'up', group: 'better_off', source: 'plandoelen met GAS-scores (bron plandoelen).', periodTypes: ALL, breakdowns: ['wijk', 'team', 'leeftijd', 'geslacht'], periodBoundary: 'Evaluatiedatum in de periode.',
    numerator: { fact: 'plan_goal', boundary: 'event', count: 'records', where: [{ field: 'gas_score', op: '>=', value: 0 }] },
    denominator: { fact: 'plan_goal', boundary: 'event', count: 'records' }, factor: 100,
  },
  {
    id: 'goal_attainment_t_score', version: 1,
    name: 'Doelrealisatie (GAS T-score)',
    description: 'De gemiddelde T-score van de plannen die in de periode zijn geëvalueerd. 50 betekent: doelen gehaald zoals verwacht; hoger is beter dan verwacht.',
    definition: { numerator: 'Som van de Kiresuk–Sherman T-scores (ρ = 0,3) van de geëvalueerde plannen.', denominator: 'Plannen geëvalueerd in de periode.', factor: 1 },
    unit: 'T', polarity: 'up', group: 'better_off', source: 'plandoelen met GAS-scores (bron plandoelen).', periodTypes: ALL, breakdowns: ['wijk', 'team', 'leeftijd', 'geslacht'], periodBoundary: 'Evaluatiedatum in de periode.',
    numerator: { fact: 'plan_evaluation', boundary: 'event', count: { sum: 't_score' } },
    denominator: { fact: 'plan_evaluation', boundary: 'event', count: 'records' }, factor: 1, numeratorKind: 'statistic',
  },
  {
    id: 'continues_without_help_pct', version: 1,
    name: 'Kan zonder hulp verder',
    description: 'Van de beëindigde trajecten met een uitkomstregistratie: het deel waarbij de inwoner zonder hulp verder kan.',
    definition: { numerator: 'Beëindigde trajecten met de uitkomst "kan zonder hulp verder".', denominator: 'Trajecten beëindigd in de periode met een uitkomstregistratie. Eén uitkomst per traject (persoon, wet, aanbieder, einddatum): hebben meer beoordelaars een oordeel gegeven, dan telt dat van de cliënt (of ouder), anders dat van de aanbieder, anders dat van de gemeente.', factor: 100 },
    unit: '%', polarity: 'up', group: 'better_off', source: 'uitkomstregistratie van aanbieders (bron uitkomsten).', periodTypes: ALL, breakdowns: ['wijk', 'wet', 'productcategorie', 'aanbieder', 'leeftijd', 'geslacht'], periodBoundary: 'Einddatum in de periode.',
    numerator: { fact: 'outcome', boundary: 'event', count: 'records', where: [eq('continues_without_help', true)] },
    denominator: { fact: 'outcome', boundary: 'event', count: 'records' }, factor: 100,
  },
  {
    id: 'experienced_effect_pct', version: 1,
    name: 'Ervaren effect op kwaliteit van leven',
    description: 'Het deel van de cliënten dat het (helemaal) eens is dat de ondersteuning hun kwaliteit van leven verbetert.',
    definition: { numerator: 'Respondenten (helemaal) eens op de vragen over kwaliteit van leven.', denominator: 'Respondenten op die vragen.', factor: 100 },
    unit: '%', polarity: 'up', group: 'better_off', source: 'cliëntervaringsonderzoek (bron clientervaring).', periodTypes: ['year'], breakdowns: ['wet'], periodBoundary: 'Onderzoeksjaar.',
    numerator: { fact: 'experience', boundary: 'in_year', count: { sum: 'agree' }, where: [eq('theme', 'kwaliteit_van_leven')] },
    denominator: { fact: 'experience', boundary: 'in_year', count: { sum: 'respondents' }, where: [eq('theme', 'kwaliteit_van_leven')] }, factor: 100,
  },
  {
    id: 'bijstand_exit_to_work_pct', version: 1,
    name: 'Uitstroom uit de bijstand naar werk',
    description: 'Van de bijstandsuitkeringen die aan het begin van de periode liepen: het deel dat in de periode stopte omdat de inwoner werk vond.',
    definition: { numerator: 'Bijstandsuitkeringen beëindigd in de periode met reden werk.', denominator: 'Bijstandsuitkeringen lopend op de eerste dag van de periode.', factor: 100 },
    unit: '%', polarity: 'up', group: 'better_off', source: 'uitkeringsregistratie Participatiewet (bron uitkeringen).', periodTypes: ALL, breakdowns: ['wijk', 'huishouden', 'leeftijd', 'geslacht'], laws: ['pwet'],
    periodBoundary: 'Einddatum in de periode.',
    numerator: { fact: 'benefit', boundary: 'ended', count: 'records', where: [BIJSTAND, eq('end_reason', 'werk')] },
    denominator: { fact: 'benefit', boundary: 'active_at_start', count: 'records', where: [BIJSTAND] }, factor: 100,
  },
  {
    id: 'bijstand_long_term_pct', version: 1,
    name: 'Langdurig in de bijstand',
    description: 'Het deel van de lopende bijstandsuitkeringen dat al langer dan 5 jaar loopt.',
    definition: { numerator: 'Bijstandsuitkeringen lopend op de laatste dag van de periode, gestart meer dan 5 jaar eerder.', denominator: 'Bijstandsuitkeringen lopend op de laatste dag van de periode.', factor: 100 },
    unit: '%', polarity: 'context', group: 'better_off', source: 'uitkeringsregistratie Participatiewet (bron uitkeringen).', periodTypes: ALL, breakdowns: ['wijk', 'huishouden', 'leeftijd', 'geslacht'], laws: ['pwet'],
    periodBoundary: 'Lopend op de laatste dag van de periode.',
    numerator: { fact: 'benefit', boundary: 'active_at_end', count: 'records', where: [BIJSTAND, { field: 'start_date', op: '<', relativeTo: 'p_end', months: -60 }] },
    denominator: { fact: 'benefit', boundary: 'active_at_end', count: 'records', where: [BIJSTAND] }, factor: 100,
  },
];
void MAATWERK;

export function findIndicator(id: string): IndicatorDefinition | undefined {
  return CATALOGUE.find((d) => d.id === id);
}

/** The public part of a definition (what the API and the UI show). */
export function describe(d: IndicatorDefinition) {
  const { numerator: _n, denominator: _d, ...rest } = d;
  return rest;
}
