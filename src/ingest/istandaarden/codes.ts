/** Message kinds and code tables of iWmo/iJw 3.2 (facts from berichtcodes-en-namespaces.csv and the basisschema codelists). */
export type Standard = 'iwmo' | 'ijw';
export type MessageType = '301' | '302' | '305' | '306' | '307' | '308' | '315' | '316' | '317' | '318' | '319' | '320' | '323' | '325';
export type Law = 'wmo' | 'jeugd';

export const BERICHTCODE: Record<Standard, Record<MessageType, number>> = {
  iwmo: { '301': 414, '302': 415, '305': 418, '306': 419, '307': 420, '308': 421, '315': 444, '316': 445, '317': 480, '318': 481, '319': 482, '320': 483, '323': 484, '325': 485 },
  ijw: { '301': 436, '302': 437, '305': 438, '306': 439, '307': 440, '308': 441, '315': 446, '316': 447, '317': 486, '318': 487, '319': 488, '320': 489, '323': 490, '325': 491 },
};

export const LAW_OF: Record<Standard, Law> = { iwmo: 'wmo', ijw: 'jeugd' };
export const PREFIX_OF: Record<Standard, string> = { iwmo: 'WMO', ijw: 'JW' };

/** Message types this release of Koers reads and applies to the store: all of release 3.2. */
export const SUPPORTED_TYPES: readonly MessageType[] = ['301', '302', '305', '306', '307', '308', '315', '316', '317', '318', '319', '320', '323', '325'];

/** Retour message → the heenbericht it answers (OP090). The 325 answers a 323 but is a message of its own. */
export const RETOUR_OF = { '302': '301', '306': '305', '308': '307', '316': '315', '318': '317', '320': '319' } as const;
export type RetourType = keyof typeof RETOUR_OF;
export function isRetourType(t: MessageType): t is RetourType { return t in RETOUR_OF; }

/**
 * Which header party is the gemeente. Messages the gemeente sends (301, 319, 325) and the retours
 * on them (302, 320) name it as Afzender; the others name it as Ontvanger. A retour message keeps
 * the Afzender/Ontvanger of the heenbericht it answers (see the XSDs), so 302 has the gemeente as Afzender.
 */
export const GEMEENTE_IS_AFZENDER: Record<MessageType, boolean> = {
  '301': true, '302': true, '319': true, '320': true, '325': true,
  '305': false, '306': false, '307': false, '308': false, '315': false, '316': false, '317': false, '318': false, '323': false,
};

/** Who actually sent a message: for a retour message the reverse of the heenbericht's sender. */
export function sentByGemeente(t: MessageType): boolean {
  return isRetourType(t) ? !GEMEENTE_IS_AFZENDER[RETOUR_OF[t]] : GEMEENTE_IS_AFZENDER[t];
}

export interface NamespaceInfo { standard: Standard; release: string; type: string }

/** Recognises http://www.istandaarden.nl/{iwmo|ijw}/{major}_{minor}/{wmo|jw}{nnn}/schema. */
export function parseNamespace(uri: string): NamespaceInfo | null {
  const m = /^http:\/\/www\.istandaarden\.nl\/(iwmo|ijw)\/(\d+)_(\d+)\/(wmo|jw)(\d{3})\/schema$/.exec(uri);
  if (!m) return null;
  return { standard: m[1] as Standard, release: `${m[2]}.${m[3]}`, type: m[5]! };
}

export const SUPPORTED_RELEASE = '3.2';

// ---------------------------------------------------------------- code tables (basisschema 3.2)
// Same codes in iWmo and iJw unless keyed by law. Labels as in the codelists.

/** LDT_StatusAanlevering */
export const STATUS_AANLEVERING = { '1': 'Eerste aanlevering', '2': 'Gewijzigde aanlevering', '3': 'Verwijderen aanlevering', '9': 'Niet van toepassing (ongewijzigd)' } as const;
/** LDT_VerzoekAntwoord (319) */
export const VERZOEK_ANTWOORD = { '1': 'Verzoek afgewezen', '2': 'Aanvraag in onderzoek' } as const;
/** LDT_RedenVerzoek (317) */
export const REDEN_VERZOEK = { '1': 'Verandering clientsituatie', '2': 'Wijziging zorgplan' } as const;
/** LDT_RedenAfwijzingVerzoek (319) */
export const REDEN_AFWIJZING_VERZOEK = {
  '1': 'Geen wijziging, maar nieuwe aanvraag', '2': 'Past niet binnen budget', '3': 'Geen contract', '4': 'Past niet binnen contract', '5': 'Andere gemeente',
  '6': 'Stapeling', '7': 'Zorginhoudelijke afkeur', '8': 'Woonplaatsbeginsel', '9': 'Leeftijdsgrens is bereikt',
} as const;
/** LDT_DebetCredit (323/325) */
export const DEBET_CREDIT = { D: 'Debetbedrag en aantal', C: 'Creditbedrag en aantal' } as const;
export type DebetCredit = keyof typeof DEBET_CREDIT;
/** LDT_Eenheid */
export const EENHEID = { '01': 'Minuut', '04': 'Uur', '14': 'Etmaal', '16': 'Dagdeel (4 uur)', '82': 'Stuks (output)', '83': "Euro's", '84': 'Stuks (inspanning)' } as const;
/** LDT_Frequentie */
export const FREQUENTIE = { '1': 'Per dag', '2': 'Per week', '4': 'Per maand', '6': 'Totaal binnen geldigheidsduur toewijzing' } as const;
/** LDT_TypeVerwijzer (315) */
export const TYPE_VERWIJZER = {
  '01': 'Gemeente', '02': 'Huisarts', '03': 'Jeugdarts', '04': 'Gecertificeerde instelling', '05': 'Medisch specialist', '06': 'Zelfverwijzer/geen verwijzer',
  '08': 'Rechter, Officier van Justitie, functionaris Justitiele jeugdinrichting',
} as const;
/** LDT_RedenWijziging (301) */
export const REDEN_WIJZIGING = {
  '01': 'Administratieve correctie (vervallen)', '02': 'Client overleden', '03': 'Contractwijziging', '04': 'Herbeoordeling: verlenging toewijzing',
  '05': 'Herbeoordeling: verkorting toewijzing', '06': 'Uitstroom naar ander domein', '07': 'Verhuizing naar een andere gemeente', '08': 'Wijziging leveringsvorm',
  '09': 'Overstap naar andere aanbieder', '10': 'Overgang naar nieuwe bekostigingssystematiek', '11': 'Gemeentelijke herindeling', '12': 'Geinitieerd door de aanbieder',
  '13': 'Verwijderd', '14': 'Administratieve correctie',
} as const;
/** LDT_RedenBeeindiging (307), per law: the same code means different things (31). */
export const REDEN_BEEINDIGING: Record<Law, Record<string, string>> = {
  wmo: { '02': 'Overlijden', '19': 'Levering volgens plan beëindigd', '20': 'Levering is tijdelijk beëindigd', '21': 'Eenzijdig door cliënt beëindigd', '22': 'Eenzijdig door aanbieder beëindigd', '23': 'In overeenstemming voortijdig beëindigd', '31': 'Verhuizing naar een andere gemeente', '36': 'Geïnitieerd door de gemeente', '37': 'In verband met wijzigingsverzoek', '38': 'Overstap naar andere aanbieder', '39': 'Uitstroom naar ander domein' },
  jeugd: { '02': 'Overlijden', '20': 'Levering is tijdelijk beëindigd', '31': 'Levering is volgens plan beëindigd', '32': 'Voortijdig: eenzijdig door cliënt', '33': 'Voortijdig: eenzijdig door aanbieder', '34': 'Voortijdig: in overeenstemming', '35': 'Voortijdig: externe omstandigheden', '36': 'Geïnitieerd door de gemeente', '37': 'In verband met wijzigingsverzoek', '38': 'Overstap naar andere aanbieder', '39': 'Uitstroom naar ander domein' },
};
/** LDT_RetourCode (iWmo and iJw 3.2 have the same list). */
export const RETOURCODE: Record<string, string> = {
  '0001': 'Bericht is afgekeurd om technische redenen.',
  '0200': 'Geen opmerking over deze berichtklasse.',
  '0233': 'Berichtklasse is niet beoordeeld.',
  '0611': 'Het ingediende tarief komt niet overeen met het contractuele tarief',
  '8001': 'Declaratie is volledig toegewezen.',
  '8017': 'Van deze credit prestatie is geen debet prestatie bekend.',
  '8021': 'Referentienummer prestatie is reeds aangeleverd.',
  '8187': 'De prestatie hoort niet bij deze client.',
  '8214': 'DeclaratiePeriode is niet de kalendermaand die volgt op voorgaande DeclaratiePeriode terwijl iedere declaratieperiode zorg geleverd is.',
  '8848': 'Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen.',
  '9019': 'Het regie bericht kan niet gekoppeld worden aan een toewijzing.',
  '9056': 'Identificatie moet per berichtsoort uniek zijn voor de verzendende partij.',
  '9063': 'Het bericht kan niet verwerkt worden omdat geen eerder bericht ontvangen is.',
  '9069': 'Er is geen actueel startbericht met dezelfde sleutel.',
  '9071': 'Het eerdere start bericht kan niet verwijderd worden omdat de zorg al beeindigd is',
  '9074': 'Er is al een eerder bericht ontvangen met dezelfde sleutel.',
  '9307': 'Begindatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing',
  '9308': 'Einddatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing',
  '9319': 'De ProductPeriode valt niet geheel binnen een DeclaratiePeriode.',
  '9321': 'Het ingediende volume overschrijdt het toegewezen volume.',
  '9322': 'De som van de ingediende volumes overschrijdt het toegewezen volume',
  '9326': 'De actuele levering is nog niet gestopt met een Stopbericht.',
  '9332': 'Toewijzing heeft geen uniek nummer binnen wettelijk domein.',
  '9333': 'Declaratienummer is niet uniek',
  '9338': 'Niet iedere prestatie in een declaratiebericht is gerelateerd aan een toegewezen product op basis van het toewijzingnummer',
  '9339': 'ProductCategorie in de prestatie is niet gelijk aan ProductCategorie in het ToegewezenProduct.',
  '9340': 'ProductCode in de Prestatie is niet gelijk aan ProductCode in het ToegewezenProduct.',
  '9341': 'Eenheid in de Prestatie past niet bij Eenheid in het ToegewezenProduct',
  '9346': "Eenheid is ongelijk is aan waarde 83 (Euro's), maar IngediendBedrag is niet gelijk aan GeleverdVolume vermenigvuldigd met (het onafgeronde) ProductTarief.",
  '9347': 'ReferentieAanbieder is niet uniek voor de aanbieder binnen het wettelijk domein',
  '9349': 'Het VOW bericht bevat niet alle actuele toegewezen producten van de client, hetzij in OngewijzigdProduct, hetzij in TeWijzigenProduct',
  '9350': 'OngewijzigdProduct is niet gerelateerd aan een actueel toegewezen product op basis van het toewijzingnummer.',
  '9351': 'TeWijzigenProduct is niet gerelateerd aan een actuele toewijzing op basis van ToewijzingNummer.',
  '9355': 'ReferentieAanbieder in het antwoordbericht komt niet voor in een eerder verzoek om toewijzing of verzoek om wijziging',
  '9357': 'GewensteIngangsdatum is kleiner dan of gelijk aan de dagtekening, maar niet gelijk aan de ingangsdatum van het originele ToegewezenProduct.',
  '9359': 'Er is al een toewijzing gestuurd met deze ReferentieAanbieder.',
  '9360': 'Er is al een antwoordbericht met deze ReferentieAanbieder, terwijl antwoordbericht in VerzoekAntwoord waarde 2 (aanvraag in onderzoek) heeft.',
  '9361': 'Het product komt vaker voor met overlappende zorgperiodes.',
  '9365': "Er is al een antwoordbericht met dezelfde ReferentieAanbieder waar VerzoekAntwoord niet de waarde 'Aanvraag in onderzoek' heeft.",
  '9366': 'ProductReferentie komt niet voor in een Declaratiebericht',
  '9367': 'De waarde komt niet overeen met de waarde uit heenbericht met gelijke ProductReferentie',
  '9369': 'Budget is meegegeven, maar de som van GeleverdVolume in alle ingediende Prestaties passen niet binnen het toegewezen Budget.',
  '9373': 'Budget is gewijzigd, maar GewensteIngangsdatum is niet gelijk aan die in de actuele toewijzing',
  '9374': 'Er is al een verzoek onderhanden.',
  '9375': 'Omvang is gevuld, terwijl Product in toewijzing met ToewijzingNummer leeg is en Einddatum groter dan 31-12-2020 of leeg is',
  '9379': 'ReferentieAanbieder refereert niet naar een verzoek om toewijzing of verzoek om wijziging, is onterecht gevuld',
  '9384': 'Declaratie op toewijzing met RedenWijziging "13" (Verwijderd)',
  '9385': 'Toewijzing heeft goedgekeurde declaratieregels',
  '9387': 'Begindatum van de ProductPeriode is niet eerste dag van de kalendermaand waarop ProductPeriode betrekking heeft en Ingangsdatum van de toewijzing ligt niet later in deze betreffende maand',
  '9388': 'Einddatum van de ProductPeriode is niet laatste dag van de kalendermaand waarop ProductPeriode betrekking heeft en Einddatum van de toewijzing ligt niet eerder in deze betreffende maand.',
  '9389': 'Deze prestatie heeft een debetprestatie zonder bijbehorende creditprestatie',
  '9390': 'Er is al een Prestatie met gelijk ProductReferentie met waarde Credit',
  '9411': 'Omvang is leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer gevuld is.',
  '9412': 'Omvang is niet leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer leeg is en einddatum groter dan 31-12-2020 of leeg is',
  '9413': 'StatusAanlevering is waarde 1 of 2 en RedenBeeindiging heeft waarde 20, terwijl er al een ander StopProduct met hetzelfde Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging waarde 20 is.',
  '9414': 'Einddatum is niet >= aan Einddatum uit actuele StopProduct met gelijk Bsn, ToewijzingNummer en Begindatum',
  '9415': 'Er is al een StopProduct met gelijk Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging <> waarde 20 en StatusAanlevering heeft waarde 1 of 2.',
  S300: 'Gemeentecode komt niet voor in de lijst van CBS.',
  S329: 'ProductCode hoort niet bij de ProductCategorie.',
};

/**
 * Retour codes that mean "no objection": 0200 (geen opmerking) and 8001 (declaratie volledig
 * toegewezen). Any other code on a class means that class was rejected or not assessed (0233).
 */
export const RETOURCODE_AKKOORD: ReadonlySet<string> = new Set(['0200', '8001']);
export function allAkkoord(codes: readonly string[]): boolean {
  return codes.every((c) => RETOURCODE_AKKOORD.has(c));
}
