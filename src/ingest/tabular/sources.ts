/**
 * The Koers formats of the tabular sources: per source its columns, types and code lists.
 * Pure data (the mapping screen, docs/formats.md and the importer read it); how each source is
 * stored lives in writers.ts.
 */
import type { TabularSource, TargetColumn } from './types.js';

// ------------------------------------------------------------------ code lists

export const SEX_CODES = { M: 'man', V: 'vrouw', O: 'onbekend of anders' };
export const LAW_CODES = { wmo: 'Wmo 2015', jeugd: 'Jeugdwet', pwet: 'Participatiewet', schuldhulp: 'Schuldhulpverlening' };
const LAW_CODES_CARE = { wmo: 'Wmo 2015', jeugd: 'Jeugdwet' };

/** ZRM 2017, 13 domains (domain.md §6.1). */
export const ZRM_DOMAINS_2017: Record<string, string> = {
  financien: 'Financiën',
  werk_opleiding: 'Werk & opleiding',
  tijdsbesteding: 'Tijdsbesteding',
  huisvesting: 'Huisvesting',
  huiselijke_relaties: 'Huiselijke relaties',
  geestelijke_gezondheid: 'Geestelijke gezondheid',
  lichamelijke_gezondheid: 'Lichamelijke gezondheid',
  middelengebruik: 'Middelengebruik',
  basale_adl: 'Basale ADL',
  instrumentele_adl: 'Instrumentele ADL',
  sociaal_netwerk: 'Sociaal netwerk',
  maatschappelijke_participatie: 'Maatschappelijke participatie',
  justitie: 'Justitie',
};

/** Domains only in the older ZRM 2010/2013 (11 domains); the other eight carry over by name. */
export const ZRM_LEGACY_ONLY: Record<string, string> = {
  dagbesteding: 'Dagbesteding',
  verslaving: 'Verslaving',
  adl: 'Activiteiten Dagelijks Leven (ADL)',
};

/** The 11 domains of ZRM 2010/2013. */
export const ZRM_DOMAINS_2013 = ['financien', 'dagbesteding', 'huisvesting', 'huiselijke_relaties', 'geestelijke_gezondheid', 'lichamelijke_gezondheid', 'verslaving', 'adl', 'sociaal_netwerk', 'maatschappelijke_participatie', 'justitie'];

/**
 * Koers rule: a 2010/2013 domain → the ZRM 2017 domain it is stored under. Dagbesteding was split
 * into Werk & opleiding and Tijdsbesteding in 2017 and is kept under Tijdsbesteding (both count
 * for the basisvoorwaarde werk/dagbesteding); ADL was split into basale and instrumentele ADL and
 * is kept under Basale ADL; Verslaving was renamed Middelengebruik. The original domain is kept.
 */
export const ZRM_LEGACY_TO_2017: Record<string, string> = {
  financien: 'financien', dagbesteding: 'tijdsbesteding', huisvesting: 'huisvesting', huiselijke_relaties: 'huiselijke_relaties',
  geestelijke_gezondheid: 'geestelijke_gezondheid', lichamelijke_gezondheid: 'lichamelijke_gezondheid', verslaving: 'middelengebruik',
  adl: 'basale_adl', sociaal_netwerk: 'sociaal_netwerk', maatschappelijke_participatie: 'maatschappelijke_participatie', justitie: 'justitie',
};

/** The domain columns of the wide ZRM source: the 13 of ZRM 2017, then the three only in 2010/2013. */
export const ZRM_WIDE_DOMAINS = [...Object.keys(ZRM_DOMAINS_2017), ...Object.keys(ZRM_LEGACY_ONLY)];

export const ZRM_VERSIONS = { '2017': 'ZRM 2017 (13 domeinen)', '2013': 'ZRM 2010/2013 (11 domeinen)' };

export const EENHEID_CODES = { '01': 'Minuut', '04': 'Uur', '14': 'Etmaal', '16': 'Dagdeel (4 uur)', '82': 'Stuks (output)', '83': "Euro's", '84': 'Stuks (inspanning)' };


import { CBS_MEASURES } from '../../model/regions.js';

export { CBS_MEASURES };
export const CBS_MEASURE_LABELS: Record<string, string> = Object.fromEntries(Object.entries(CBS_MEASURES).map(([id, m]) => [id, m.label]));

// ------------------------------------------------------------------ column helpers

type Opt = Partial<Omit<TargetColumn, 'name' | 'type' | 'description'>>;
const col = (name: string, type: TargetColumn['type'], required: boolean, description: string, opt: Opt = {}): TargetColumn => ({ name, type, required, description, ...opt });

const gemeenteColumn = col('gemeente', 'text', false, 'Gemeentecode (0363 of GM0363). Als de kolom er is, moet elke regel bij de gemeente van de import horen.', { pattern: '^(GM)?\\d{1,4}$', patternHint: '0363 of GM0363' });
const year = (name = 'jaar', description = 'Jaar (JJJJ).') => col(name, 'integer', true, description, { min: 1900, max: 2100 });

/** The columns that identify a person and carry the attributes Koers keeps (domain.md §5). */
const personColumns = (address: boolean): TargetColumn[] => [
  col('bsn', 'bsn', false, 'Burgerservicenummer (9 cijfers, elfproef). Koers bewaart alleen een pseudoniem. Verplicht als er geen cliëntnummer is.'),
  col('clientnummer', 'text', false, 'Eigen cliëntnummer van de gemeente, als het bestand geen BSN heeft. Koers bewaart alleen een pseudoniem; zo’n persoon is niet te koppelen aan berichten met een BSN.'),
  ...(address ? [
    col('geboortejaar', 'integer', false, 'Geboortejaar (JJJJ).', { min: 1900, max: 2100 }),
    col('geslacht', 'code', false, 'Geslacht.', { codes: SEX_CODES }),
    col('postcode', 'text', false, 'Postcode van het woonadres (1234AB). Koers bewaart alleen de wijk.', { pattern: '^\\d{4}[A-Z]{2}$', patternHint: '1234AB' }),
    col('huisnummer', 'text', false, 'Huisnummer met letter en toevoeging. Koers bewaart alleen een huishoudsleutel (pseudoniem van het adres).'),
  ] : []),
];

// ------------------------------------------------------------------ the sources

export const TABULAR_SOURCE_LIST: TabularSource[] = [
  {
    id: 'population',
    label: 'Bevolking',
    description: 'Aantal inwoners op 1 januari per jaar, wijk (of buurt), leeftijd en geslacht (CBS of BRP). Een bestand vervangt de bevolking van de jaren die erin staan. Importeer eerst de wijken.',
    personLevel: false,
    columns: [
      year('jaar', 'Jaar; het aantal inwoners op 1 januari van dat jaar.'),
      gemeenteColumn,
      col('wijk', 'text', true, 'Wijkcode (WK036300) of buurtcode (BU03630000); moet al bekend zijn in Koers.'),
      col('leeftijd', 'integer', true, 'Leeftijd in jaren (0–120).', { min: 0, max: 120 }),
      col('geslacht', 'code', true, 'Geslacht.', { codes: SEX_CODES }),
      col('inwoners', 'integer', true, 'Aantal inwoners.', { min: 0, max: 10_000_000 }),
    ],
  },
  {
    id: 'postcodes',
    label: 'Postcodes',
    description: 'Welke postcode in welke wijk (en buurt) ligt. Zo plaatst Koers personen in een wijk. Importeer dit na de wijken en vóór de berichten.',
    personLevel: false,
    columns: [
      gemeenteColumn,
      col('postcode', 'text', true, 'Postcode (1234AB).', { pattern: '^\\d{4}[A-Z]{2}$', patternHint: '1234AB' }),
      col('wijk', 'text', false, 'Wijkcode (WK036300). Mag leeg als de buurt er is.'),
      col('buurt', 'text', false, 'Buurtcode (BU03630000).'),
    ],
  },
  {
    id: 'postcode_ranges',
    label: 'Postcodes met huisnummers',
    description: 'Welke reeks huisnummers binnen een postcode in welke buurt en wijk ligt (zoals de postcode-huisnummertabellen van CBS en BAG). Een persoon met postcode en huisnummer krijgt de buurt en wijk van de reeks waarin het huisnummer valt; zonder passende reeks geldt de postcodetabel. Importeer dit na de wijken en vóór de berichten.',
    personLevel: false,
    columns: [
      gemeenteColumn,
      col('postcode', 'text', true, 'Postcode (1234AB).', { pattern: '^\\d{4}[A-Z]{2}$', patternHint: '1234AB' }),
      col('huisnummer_van', 'integer', true, 'Eerste huisnummer van de reeks.', { min: 0, max: 99_999 }),
      col('huisnummer_tot', 'integer', true, 'Laatste huisnummer van de reeks (tot en met).', { min: 0, max: 99_999 }),
      col('pariteit', 'code', false, 'Welke huisnummers van de reeks: even, oneven of alle (leeg = alle).', { codes: { alle: 'Even en oneven', even: 'Even huisnummers', oneven: 'Oneven huisnummers' } }),
      col('wijk', 'text', false, 'Wijkcode (WK036300). Mag leeg als de buurt er is.'),
      col('buurt', 'text', false, 'Buurtcode (BU03630000).'),
    ],
  },
  {
    id: 'contracts',
    label: 'Contracten en producten',
    description: 'Contracten met aanbieders, één regel per product: uitvoeringsvariant, geldigheid, productcategorie, tarief en eenheid.',
    personLevel: false,
    columns: [
      gemeenteColumn,
      col('contract', 'text', true, 'Contractnummer of -code.'),
      col('agb', 'text', true, 'AGB-code van de aanbieder (8 cijfers).', { pattern: '^\\d{8}$', patternHint: '8 cijfers' }),
      col('aanbieder', 'text', false, 'Naam van de aanbieder.'),
      col('wet', 'code', true, 'Wet.', { codes: LAW_CODES_CARE }),
      col('uitvoeringsvariant', 'code', true, 'Uitvoeringsvariant.', { codes: { inspanningsgericht: 'Inspanningsgericht', outputgericht: 'Outputgericht', taakgericht: 'Taakgericht' } }),
      col('toewijzingsvariant', 'code', false, 'Toewijzingsvariant (bij inspanningsgericht).', { codes: { specifiek: 'Specifiek', aspecifiek: 'Aspecifiek', generiek: 'Generiek' } }),
      col('ingangsdatum', 'date', true, 'Eerste dag dat het contract geldt.'),
      col('einddatum', 'date', false, 'Laatste dag dat het contract geldt (leeg = loopt door).'),
      col('productcode', 'text', true, 'Productcode (van de gemeente of landelijk).'),
      col('productcategorie', 'text', true, 'Landelijke productcategorie (Wmo 01–18, Jeugd 31–55).', { pattern: '^\\d{2}$', patternHint: 'twee cijfers' }),
      col('productnaam', 'text', false, 'Naam van het product.'),
      col('tarief_cent', 'integer', false, 'Tarief per eenheid in eurocent (3190 = € 31,90).', { min: 0, max: 1_000_000_000 }),
      col('eenheid', 'code', false, 'Eenheid (iStandaarden).', { codes: EENHEID_CODES }),
      col('taakveld', 'text', false, 'Taakveld in de begroting (bijvoorbeeld 6.71).', { pattern: '^\\d{1,2}(\\.\\d{1,3})*$', patternHint: '6.71' }),
    ],
  },
  {
    id: 'budget',
    label: 'Begroting en realisatie',
    description: 'Bedragen per jaar (of maand), taakveld en eventueel product: begroting, begroting na wijziging, realisatie en verplichtingen.',
    personLevel: false,
    columns: [
      year(),
      col('maand', 'integer', false, 'Maand (1–12) voor realisatie per maand; leeg = heel jaar.', { min: 1, max: 12 }),
      col('taakveld', 'text', true, 'Taakveld (bijvoorbeeld 6.71).', { pattern: '^\\d{1,2}(\\.\\d{1,3})*$', patternHint: '6.71' }),
      col('productcode', 'text', false, 'Product binnen het taakveld (leeg = hele taakveld).'),
      col('wet', 'code', false, 'Wet.', { codes: LAW_CODES }),
      col('soort', 'code', true, 'Soort bedrag.', { codes: { begroting: 'Primitieve begroting', begroting_gewijzigd: 'Begroting na wijziging', realisatie: 'Realisatie', verplichting: 'Verplichting (aangegaan, nog niet betaald)' } }),
      col('bedrag', 'decimal', true, 'Bedrag in euro (1234,56 of 1234.56).', { min: -1e12, max: 1e12 }),
    ],
  },
  {
    id: 'benefits',
    label: 'Uitkeringen Participatiewet',
    description: 'Uitkeringsperioden per persoon: regeling, begin, einde en reden van beëindiging (bijvoorbeeld werk), huishouden.',
    personLevel: true,
    columns: [
      ...personColumns(true),
      col('regeling', 'code', true, 'Regeling.', { codes: { bijstand: 'Bijstand (Participatiewet, levensonderhoud)', ioaw: 'IOAW', ioaz: 'IOAZ', bbz: 'Bbz (zelfstandigen)' } }),
      col('startdatum', 'date', true, 'Eerste dag van de uitkering.'),
      col('einddatum', 'date', false, 'Laatste dag van de uitkering (leeg = loopt nog).'),
      col('reden_einde', 'code', false, 'Reden van beëindiging.', { codes: { werk: 'Werk (inkomsten uit arbeid)', opleiding: 'Opleiding of studie', ander_inkomen: 'Andere uitkering, pensioen of AOW', partner: 'Samenwonen of huwelijk', verhuizing: 'Verhuizing naar een andere gemeente', detentie: 'Detentie', overlijden: 'Overlijden', handhaving: 'Niet nakomen van verplichtingen', overig: 'Overig of onbekend' } }),
      col('huishouden', 'code', false, 'Soort huishouden.', { codes: { alleenstaand: 'Alleenstaand', alleenstaande_ouder: 'Alleenstaande ouder', paar_zonder_kinderen: 'Paar zonder kinderen', paar_met_kinderen: 'Paar met kinderen', overig: 'Overig' } }),
      col('kinderen', 'integer', false, 'Aantal minderjarige kinderen in het huishouden.', { min: 0, max: 30 }),
    ],
  },
  {
    id: 'toegang',
    label: 'Toegang: meldingen, aanvragen en besluiten',
    description: 'Eén regel per zaak: de datum van de melding, de aanvraag en het besluit, met wet, productcategorie en team.',
    personLevel: true,
    columns: [
      col('zaaknummer', 'text', true, 'Nummer van de zaak (melding) in het eigen systeem.'),
      ...personColumns(true),
      col('wet', 'code', true, 'Wet.', { codes: LAW_CODES }),
      col('melddatum', 'date', true, 'Datum van de melding (start van het onderzoek).'),
      col('aanvraagdatum', 'date', false, 'Datum van de aanvraag.'),
      col('besluitdatum', 'date', false, 'Datum van het besluit (beschikking).'),
      col('besluit', 'code', false, 'Besluit.', { codes: { toegekend: 'Toegekend', deels_toegekend: 'Deels toegekend', afgewezen: 'Afgewezen', ingetrokken: 'Ingetrokken door de inwoner', buiten_behandeling: 'Buiten behandeling gesteld', geen_aanvraag: 'Geen aanvraag (opgelost zonder maatwerk)' } }),
      col('productcategorie', 'text', false, 'Landelijke productcategorie van de gevraagde of toegekende voorziening (Wmo 01–18, Jeugd 31–55).', { pattern: '^\\d{2}$', patternHint: 'twee cijfers' }),
      col('team', 'text', false, 'Team of wijkteam dat de zaak behandelt.'),
    ],
  },
  {
    id: 'schuldhulp',
    label: 'Schuldhulpverlening',
    description: 'Eén regel per aanmelding: datum van aanmelding en eerste gesprek, dreigende situatie (huisuitzetting, afsluiting), einde en reden.',
    personLevel: true,
    columns: [
      col('zaaknummer', 'text', true, 'Nummer van de aanmelding in het eigen systeem.'),
      ...personColumns(true),
      col('aanmelddatum', 'date', true, 'Datum van de aanmelding (het verzoek om schuldhulp).'),
      col('eerste_gesprek', 'date', false, 'Datum van het eerste gesprek.'),
      col('dreiging', 'code', false, 'Dreigende situatie bij de aanmelding (dan geldt een termijn van 3 werkdagen).', { codes: { geen: 'Geen', huisuitzetting: 'Dreigende huisuitzetting', afsluiting_energie: 'Dreigende afsluiting van energie', afsluiting_water: 'Dreigende afsluiting van water', beeindiging_zorgverzekering: 'Dreigende beëindiging van de zorgverzekering' } }),
      col('vroegsignalering', 'boolean', false, 'Aanmelding kwam uit vroegsignalering (ja/nee).'),
      col('einddatum', 'date', false, 'Datum van afsluiting.'),
      col('reden_einde', 'code', false, 'Reden van afsluiting.', { codes: { schulden_opgelost: 'Schulden opgelost of regeling afgerond', stabilisatie: 'Situatie stabiel (bijvoorbeeld budgetbeheer)', doorverwezen: 'Doorverwezen', uitgevallen: 'Inwoner is gestopt', afgewezen: 'Afgewezen', verhuisd: 'Verhuisd', overleden: 'Overleden', overig: 'Overig' } }),
      col('team', 'text', false, 'Team dat de aanmelding behandelt.'),
    ],
  },
  {
    id: 'algemene_voorzieningen',
    label: 'Algemene voorzieningen: gebruik per persoon',
    description: 'Gebruik van een algemene voorziening per persoon, waar de voorziening dat registreert.',
    personLevel: true,
    columns: [
      ...personColumns(true),
      col('voorziening', 'text', true, 'Naam of code van de voorziening (bijvoorbeeld "inloop buurthuis").'),
      col('aanbieder', 'text', false, 'Organisatie die de voorziening biedt.'),
      col('startdatum', 'date', true, 'Eerste dag van het gebruik.'),
      col('einddatum', 'date', false, 'Laatste dag van het gebruik (leeg = loopt nog).'),
    ],
  },
  {
    id: 'algemene_voorzieningen_aantallen',
    label: 'Algemene voorzieningen: aantallen per periode en wijk',
    description: 'Aantal deelnemers (en contacten) per voorziening, periode en wijk, als er geen gegevens per persoon zijn.',
    personLevel: false,
    columns: [
      col('voorziening', 'text', true, 'Naam of code van de voorziening.'),
      col('aanbieder', 'text', false, 'Organisatie die de voorziening biedt.'),
      col('periode', 'text', true, 'Periode: 2024, 2024-H1, 2024-Q1 of 2024-03.', { pattern: '^\\d{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?$', patternHint: '2024, 2024-H1, 2024-Q1 of 2024-03' }),
      col('wijk', 'text', false, 'Wijkcode (WK036300); leeg = hele gemeente.'),
      col('deelnemers', 'integer', true, 'Aantal verschillende deelnemers in de periode.', { min: 0, max: 10_000_000 }),
      col('contacten', 'integer', false, 'Aantal bezoeken of contacten in de periode.', { min: 0, max: 100_000_000 }),
    ],
  },
  {
    id: 'zrm',
    label: 'ZRM-metingen',
    description: 'Zelfredzaamheid-Matrix: één regel per persoon, datum en domein met een score van 1 (acute problematiek) tot 5 (volledig zelfredzaam). De oudere versie met 11 domeinen wordt omgezet naar de 13 domeinen; de versie blijft bewaard.',
    personLevel: true,
    columns: [
      ...personColumns(false),
      col('datum', 'date', true, 'Datum van de meting.'),
      col('moment', 'code', true, 'Moment van de meting.', { codes: { intake: 'Intake', evaluatie: 'Evaluatie', uitstroom: 'Uitstroom (afsluiting)' } }),
      col('versie', 'code', false, 'Versie van de ZRM; leeg = 2017, of 2010/2013 als het domein alleen daarin bestaat.', { codes: ZRM_VERSIONS }),
      col('domein', 'code', true, 'Domein (ZRM 2017 of de oudere versie met 11 domeinen).', { codes: { ...ZRM_DOMAINS_2017, ...ZRM_LEGACY_ONLY } }),
      col('score', 'integer', true, 'Score: 1 acute problematiek, 2 niet zelfredzaam, 3 beperkt zelfredzaam, 4 voldoende zelfredzaam, 5 volledig zelfredzaam.', { min: 1, max: 5 }),
      col('plannummer', 'text', false, 'Plan waarbij de meting hoort.'),
    ],
  },
  {
    id: 'zrm_wide',
    label: 'ZRM-metingen, één kolom per domein',
    description: 'Zelfredzaamheid-Matrix zoals veel registratiesystemen hem exporteren: één regel per meting (persoon, datum, moment) met één kolom per domein (ZRM 2017 met 13 domeinen of de oudere versie met 11). Koers slaat elke ingevulde domeinscore op als een meting zoals in de bron zrm; lege domeinen worden overgeslagen.',
    personLevel: true,
    columns: [
      ...personColumns(false),
      col('datum', 'date', true, 'Datum van de meting.'),
      col('moment', 'code', true, 'Moment van de meting.', { codes: { intake: 'Intake', evaluatie: 'Evaluatie', uitstroom: 'Uitstroom (afsluiting)' } }),
      col('versie', 'code', false, 'Versie van de ZRM; leeg = 2010/2013 als een domein alleen daarin bestaat (dagbesteding, verslaving, adl) is ingevuld, anders 2017.', { codes: ZRM_VERSIONS }),
      col('plannummer', 'text', false, 'Plan waarbij de meting hoort.'),
      ...ZRM_WIDE_DOMAINS.map((d) => col(d, 'integer', false, `Score ${ZRM_DOMAINS_2017[d] ?? ZRM_LEGACY_ONLY[d]} (1–5; leeg = niet gemeten)${Object.hasOwn(ZRM_LEGACY_ONLY, d) ? ', alleen ZRM 2010/2013' : ZRM_DOMAINS_2013.includes(d) ? '' : ', alleen ZRM 2017'}.`, { min: 1, max: 5 })),
    ],
  },
  {
    id: 'plan_goals',
    label: 'Plandoelen met GAS-score',
    description: 'Doelen in het ondersteuningsplan met hun Goal Attainment Scaling-score (−2 tot +2) en gewicht; één regel per doel en evaluatie.',
    personLevel: true,
    columns: [
      col('plannummer', 'text', true, 'Nummer van het plan.'),
      col('doelnummer', 'text', true, 'Nummer van het doel binnen het plan.'),
      ...personColumns(false),
      col('leefgebied', 'code', false, 'Leefgebied (ZRM-domein) van het doel.', { codes: ZRM_DOMAINS_2017 }),
      col('startdatum', 'date', false, 'Datum waarop het doel is afgesproken.'),
      col('evaluatiedatum', 'date', false, 'Datum van de evaluatie (leeg = nog niet geëvalueerd).'),
      col('gas_score', 'integer', false, 'GAS-score: −2 veel minder dan verwacht, −1 minder, 0 zoals verwacht, +1 meer, +2 veel meer.', { min: -2, max: 2 }),
      col('gewicht', 'decimal', false, 'Gewicht van het doel (leeg = 1).', { min: 0.01, max: 100 }),
      col('team', 'text', false, 'Team van de regisseur.'),
    ],
  },
  {
    id: 'outcomes',
    label: 'Resultaat per afgesloten traject',
    description: 'Uitkomst per afgesloten traject, aangeleverd door de aanbieder: kan de cliënt zonder hulp verder, zijn de doelen bereikt, en wie dat zegt.',
    personLevel: true,
    columns: [
      ...personColumns(false),
      col('wet', 'code', true, 'Wet.', { codes: LAW_CODES_CARE }),
      col('agb', 'text', true, 'AGB-code van de aanbieder (8 cijfers).', { pattern: '^\\d{8}$', patternHint: '8 cijfers' }),
      col('productcategorie', 'text', false, 'Productcategorie van het traject.', { pattern: '^\\d{2}$', patternHint: 'twee cijfers' }),
      col('toewijzingnummer', 'text', false, 'ToewijzingNummer uit de berichten.'),
      col('einddatum', 'date', true, 'Einddatum van het traject.'),
      col('zonder_hulp_verder', 'boolean', true, 'Kan de cliënt zonder (nieuwe) hulp verder? (ja/nee)'),
      col('doelen_bereikt', 'code', false, 'Zijn de afgesproken doelen bereikt?', { codes: { ja: 'Ja, geheel', deels: 'Deels', nee: 'Nee' } }),
      col('tevreden', 'boolean', false, 'Is de cliënt tevreden over het resultaat? (ja/nee)'),
      col('informant', 'code', true, 'Wie het oordeel geeft.', { codes: { client: 'Cliënt', ouder: 'Ouder of verzorger', aanbieder: 'Professional van de aanbieder', gemeente: 'Medewerker van de gemeente' } }),
    ],
  },
  {
    id: 'client_experience',
    label: 'Cliëntervaringsonderzoek',
    description: 'Uitkomsten van het cliëntervaringsonderzoek per jaar en vraag (geen gegevens per persoon).',
    personLevel: false,
    columns: [
      year('jaar', 'Jaar van het onderzoek.'),
      col('wet', 'code', true, 'Wet.', { codes: LAW_CODES_CARE }),
      col('vraagnummer', 'text', true, 'Nummer of code van de vraag.'),
      col('vraag', 'text', false, 'Tekst van de vraag.'),
      col('thema', 'code', false, 'Thema van de vraag.', { codes: { toegang: 'Toegang (contact, snel geholpen, serieus genomen)', kwaliteit: 'Kwaliteit van de ondersteuning', zelfredzaamheid: 'Zelfredzaamheid (beter redden, dingen doen die ik wil)', participatie: 'Meedoen', kwaliteit_van_leven: 'Kwaliteit van leven', overig: 'Overig' } }),
      col('respondenten', 'integer', true, 'Aantal mensen dat de vraag beantwoordde.', { min: 0, max: 10_000_000 }),
      col('eens', 'integer', true, 'Aantal (helemaal) eens.', { min: 0, max: 10_000_000 }),
      col('neutraal', 'integer', false, 'Aantal niet eens, niet oneens.', { min: 0, max: 10_000_000 }),
      col('oneens', 'integer', false, 'Aantal (helemaal) oneens.', { min: 0, max: 10_000_000 }),
    ],
  },
  {
    id: 'cbs_reference',
    label: 'CBS-referentiecijfers (StatLine)',
    description: 'Landelijke cijfers van het CBS om de gemeente mee te vergelijken (StatLine-tabellen van de Gemeentelijke Monitor Sociaal Domein en de BBV-beleidsindicatoren): per regio (gemeente, provincie of Nederland), periode en maat één waarde. Een CSV zoals StatLine hem downloadt (één kolom per onderwerp, zoals "Wmo-cliënten per 1 000 inwoners") leest Koers zonder koppeling in; "." en lege cellen betekenen onbekend, nooit 0. De cijfers zijn openbaar en gelden voor alle gemeenten in Koers.',
    personLevel: false,
    columns: [
      col('regio_code', 'text', true, 'Regio: CBS-code (GM0363, PV27, NL01) of de naam zoals StatLine hem schrijft ("Amsterdam", "Utrecht (PV)", "Nederland").', { aliases: ["Regio's", 'Regios', 'Regio', 'Gemeenten', 'Gemeente', 'Regiocode', 'RegioS_code'] }),
      col('periode', 'text', true, 'Periode: 2024, 2024JJ00, "2024 1e halfjaar", 2024HJ01, 2024KW01, 2024MM03 of 2024-H1; een * of "(voorlopig)" erachter = voorlopig cijfer.', { aliases: ['Perioden', 'Periode'] }),
      col('maat', 'code', false, 'Welke indicator de waarde is (Koers-indicator of de naam van het CBS-onderwerp), in de lange vorm met kolom waarde.', { codes: CBS_MEASURE_LABELS, aliases: ['Onderwerp', 'Onderwerpen', 'Indicator'] }),
      col('waarde', 'text', false, 'De waarde bij maat (1234,5 of 1234.5); "." of leeg = onbekend.', { aliases: ['Waarde', 'Value'] }),
      col('bron', 'text', false, 'Bron (leeg = CBS).'),
      col('tabel', 'text', false, 'StatLine-tabel (bijvoorbeeld 84908NED).', { aliases: ['Tabel', 'Tabelnummer'] }),
      ...Object.entries(CBS_MEASURES).map(([id, m]) => col(id, 'text', false, `${m.label} (brede vorm: één kolom per onderwerp); "." of leeg = onbekend.`, { aliases: m.aliases })),
    ],
  },
];

/** Older and Dutch names that `--source` also accepts. */
export const SOURCE_ALIASES: Record<string, string> = {
  bevolking: 'population', contracten: 'contracts', begroting: 'budget', uitkeringen: 'benefits', bijstand: 'benefits',
  cliëntervaring: 'client_experience', clientervaring: 'client_experience', plandoelen: 'plan_goals', uitkomsten: 'outcomes',
  zrm_breed: 'zrm_wide', cbs_statline: 'cbs_reference', statline: 'cbs_reference', cbs: 'cbs_reference', cbs_referentie: 'cbs_reference', referentie: 'cbs_reference', postcode_huisnummers: 'postcode_ranges', postcodes_huisnummers: 'postcode_ranges', postcode_huisnummer: 'postcode_ranges',
};

export function findSource(id: string): TabularSource | undefined {
  const key = SOURCE_ALIASES[id.toLowerCase()] ?? id.toLowerCase();
  return TABULAR_SOURCE_LIST.find((s) => s.id === key);
}
