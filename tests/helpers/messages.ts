/**
 * Hand-written iWmo/iJw 3.2 test messages for crafted scenarios: every message type (301…325) and
 * its retour. Kept deliberately small and literal so a test reads like the message it sends; every
 * builder output is validated against the official XSDs in tests/ingest/builders.test.ts (and by
 * the importer whenever a test opens Koers with XSD validation, the default).
 */
export type Std = 'iwmo' | 'ijw';
type Type = '301' | '302' | '305' | '306' | '307' | '308' | '315' | '316' | '317' | '318' | '319' | '320' | '323' | '325';
const NS = { iwmo: ['iwmo', 'wmo', 'WMO'], ijw: ['ijw', 'jw', 'JW'] } as const;
export const CODES: Record<Std, Record<Type, number>> = {
  iwmo: { '301': 414, '302': 415, '305': 418, '306': 419, '307': 420, '308': 421, '315': 444, '316': 445, '317': 480, '318': 481, '319': 482, '320': 483, '323': 484, '325': 485 },
  ijw: { '301': 436, '302': 437, '305': 438, '306': 439, '307': 440, '308': 441, '315': 446, '316': 447, '317': 486, '318': 487, '319': 488, '320': 489, '323': 490, '325': 491 },
};
/** Messages whose header names the gemeente as Afzender (a retour keeps the heenbericht's parties). */
const FROM_GEMEENTE = new Set<Type>(['301', '302', '319', '320', '325']);

export interface Header { std: Std; gemeente: string; agb: string; id: string; dag: string }
export interface Client { bsn: string; geboortedatum?: string; geslacht?: '1' | '2'; postcode?: string; huisnummer?: string }

function envelope(h: Header, type: Type, body: string, extraHeader = ''): string {
  const [base, pre, up] = NS[h.std];
  const m = `${pre}${type}`;
  const from = FROM_GEMEENTE.has(type) ? h.gemeente : h.agb;
  const to = FROM_GEMEENTE.has(type) ? h.agb : h.gemeente;
  return `<?xml version="1.0" encoding="UTF-8"?>
<${m}:Bericht xmlns:${base}="http://www.istandaarden.nl/${h.std}/3_2/basisschema/schema" xmlns:${m}="http://www.istandaarden.nl/${h.std}/3_2/${m}/schema">
  <${m}:Header>
    <${m}:BerichtCode>${CODES[h.std][type]}</${m}:BerichtCode>
    <${m}:BerichtVersie>3</${m}:BerichtVersie>
    <${m}:BerichtSubversie>2</${m}:BerichtSubversie>
    <${m}:Afzender>${from}</${m}:Afzender>
    <${m}:Ontvanger>${to}</${m}:Ontvanger>
    <${m}:BerichtIdentificatie><${base}:Identificatie>${h.id}</${base}:Identificatie><${base}:Dagtekening>${h.dag}</${base}:Dagtekening></${m}:BerichtIdentificatie>
    <${m}:XsdVersie><${base}:BasisschemaXsdVersie>1.0.0</${base}:BasisschemaXsdVersie><${base}:BerichtXsdVersie>1.0.0</${base}:BerichtXsdVersie></${m}:XsdVersie>${extraHeader.replaceAll('§', `${m}:`).replaceAll('¤', `${base}:`)}
  </${m}:Header>
${body.replaceAll('§', `${m}:`).replaceAll('¤', `${base}:`)}
</${m}:Bericht>
<!-- ${up}${type} -->`;
}

function client(c: Client, full: boolean): string {
  return `    <§Bsn>${c.bsn}</§Bsn>
    <§Geboortedatum><¤Datum>${c.geboortedatum ?? '1950-05-05'}</¤Datum></§Geboortedatum>
    <§Geslacht>${c.geslacht ?? '2'}</§Geslacht>
    <§Naam><¤Geslachtsnaam><¤Achternaam>Test</¤Achternaam></¤Geslachtsnaam>${full ? '<¤NaamGebruik>1</¤NaamGebruik>' : ''}</§Naam>`;
}

export interface Omvang { volume?: number; eenheid?: string; frequentie?: string; budget?: number }
const omvang = (o: Omvang) => `${o.volume !== undefined ? `<§Omvang><¤Volume>${o.volume}</¤Volume><¤Eenheid>${o.eenheid ?? '04'}</¤Eenheid><¤Frequentie>${o.frequentie ?? '2'}</¤Frequentie></§Omvang>` : ''}${o.budget !== undefined ? `<§Budget>${o.budget}</§Budget>` : ''}`;

/** cat null: no Product (generiek toewijzen); code null: a Categorie without a Code (aspecifiek). */
export interface Toegewezen extends Omvang { nr: string; cat: string | null; code?: string | null; ref?: string; tdatum: string; ttijd?: string; ingang: string; eind?: string; reden?: string }
export function msg301(h: Header, c: Client, products: Toegewezen[]): string {
  const contact = `    <§Contactgegevens><§Contact><§Soort>01</§Soort><§Adres><¤Huis><¤Huisnummer>${c.huisnummer ?? '1'}</¤Huisnummer></¤Huis><¤Postcode>${c.postcode ?? '9001AA'}</¤Postcode><¤Straatnaam>Teststraat</¤Straatnaam><¤Plaatsnaam>Koersdam</¤Plaatsnaam></§Adres></§Contact></§Contactgegevens>`;
  const items = products.map((p) => `      <§ToegewezenProduct>
        <§ToewijzingNummer>${p.nr}</§ToewijzingNummer>${p.ref ? `\n        <§ReferentieAanbieder>${p.ref}</§ReferentieAanbieder>` : ''}
        ${p.cat === null ? '' : `<§Product><¤Categorie>${p.cat}</¤Categorie>${p.code === null ? '' : `<¤Code>${p.code ?? `${p.cat}A01`}</¤Code>`}</§Product>`}
        <§Toewijzingsdatum>${p.tdatum}</§Toewijzingsdatum>
        <§Toewijzingstijd>${p.ttijd ?? '10:00:00'}</§Toewijzingstijd>
        <§Ingangsdatum>${p.ingang}</§Ingangsdatum>${p.eind ? `\n        <§Einddatum>${p.eind}</§Einddatum>` : ''}${p.reden ? `\n        <§RedenWijziging>${p.reden}</§RedenWijziging>` : ''}${omvang(p)}
      </§ToegewezenProduct>`).join('\n');
  return envelope(h, '301', `  <§Client>\n${client(c, true)}\n${contact}\n    <§ToegewezenProducten>\n${items}\n    </§ToegewezenProducten>\n  </§Client>`);
}

/** A start/stop. nr null: no ToewijzingNummer (taakgericht, IV096); cat null: no Product (generiek); ingang null: no ToewijzingIngangsdatum. */
export interface Levering { nr: string | null; cat: string | null; code?: string | null; ingang: string | null; begin: string; eind?: string; reden?: string; status?: '1' | '2' | '3' }
const leveringKey = (p: Levering) => `${p.nr !== null ? `<§ToewijzingNummer>${p.nr}</§ToewijzingNummer>` : ''}${p.cat !== null ? `<§Product><¤Categorie>${p.cat}</¤Categorie>${p.code === null ? '' : `<¤Code>${p.code ?? `${p.cat}A01`}</¤Code>`}</§Product>` : ''}${p.ingang !== null ? `<§ToewijzingIngangsdatum>${p.ingang}</§ToewijzingIngangsdatum>` : ''}`;
export function msg305(h: Header, c: Client, items: Levering[]): string {
  const body = items.map((p) => `      <§StartProduct>${leveringKey(p)}<§Begindatum>${p.begin}</§Begindatum><§StatusAanlevering>${p.status ?? '1'}</§StatusAanlevering></§StartProduct>`).join('\n');
  return envelope(h, '305', `  <§Client>\n${client(c, false)}\n    <§StartProducten>\n${body}\n    </§StartProducten>\n  </§Client>`);
}
export function msg307(h: Header, c: Client, items: Levering[]): string {
  const body = items.map((p) => `      <§StopProduct>${leveringKey(p)}<§Begindatum>${p.begin}</§Begindatum><§RedenBeeindiging>${p.reden ?? '19'}</§RedenBeeindiging><§Einddatum>${p.eind}</§Einddatum><§StatusAanlevering>${p.status ?? '1'}</§StatusAanlevering></§StopProduct>`).join('\n');
  return envelope(h, '307', `  <§Client>\n${client(c, false)}\n    <§StopProducten>\n${body}\n    </§StopProducten>\n  </§Client>`);
}

export interface Aangevraagd extends Omvang { ref: string; cat?: string; code?: string; beschikking?: string; ingang: string; eind?: string; verwijzer?: string }
export function msg315(h: Header, c: Client, products: Aangevraagd[]): string {
  const items = products.map((p) => `      <§AangevraagdProduct>
        <§ReferentieAanbieder>${p.ref}</§ReferentieAanbieder>${p.beschikking ? `<§BeschikkingNummer>${p.beschikking}</§BeschikkingNummer>` : ''}${p.cat ? `<§Product><¤Categorie>${p.cat}</¤Categorie>${p.code ? `<¤Code>${p.code}</¤Code>` : ''}</§Product>` : ''}
        <§ToewijzingIngangsdatum>${p.ingang}</§ToewijzingIngangsdatum>${p.eind ? `<§ToewijzingEinddatum>${p.eind}</§ToewijzingEinddatum>` : ''}${omvang(p)}
        <§Verwijzer><¤Type>${p.verwijzer ?? '01'}</¤Type></§Verwijzer>
      </§AangevraagdProduct>`).join('\n');
  return envelope(h, '315', `  <§Client>\n${client(c, false)}\n    <§AangevraagdeProducten>\n${items}\n    </§AangevraagdeProducten>\n  </§Client>`);
}

export interface VerzoekInput {
  ref: string;
  reden?: '1' | '2';
  ongewijzigd?: string[];
  teWijzigen?: (Omvang & { nr: string; ingang: string; eind?: string })[];
  nieuw?: (Omvang & { cat: string; code?: string; ingang: string; eind?: string })[];
}
export function msg317(h: Header, bsn: string, v: VerzoekInput): string {
  const ong = v.ongewijzigd?.length ? `<§OngewijzigdeProducten>${v.ongewijzigd.map((nr) => `<§OngewijzigdProduct><§ToewijzingNummer>${nr}</§ToewijzingNummer></§OngewijzigdProduct>`).join('')}</§OngewijzigdeProducten>` : '';
  const tw = v.teWijzigen?.length ? `<§TeWijzigenProducten>${v.teWijzigen.map((p) => `<§TeWijzigenProduct><§ToewijzingNummer>${p.nr}</§ToewijzingNummer><§GewensteIngangsdatum>${p.ingang}</§GewensteIngangsdatum>${p.eind ? `<§Einddatum>${p.eind}</§Einddatum>` : ''}${omvang(p)}</§TeWijzigenProduct>`).join('')}</§TeWijzigenProducten>` : '';
  const nw = v.nieuw?.length ? `<§NieuweProducten>${v.nieuw.map((p) => `<§NieuwProduct><§Product><¤Categorie>${p.cat}</¤Categorie>${p.code ? `<¤Code>${p.code}</¤Code>` : ''}</§Product><§GewensteIngangsdatum>${p.ingang}</§GewensteIngangsdatum>${p.eind ? `<§Einddatum>${p.eind}</§Einddatum>` : ''}${omvang(p)}</§NieuwProduct>`).join('')}</§NieuweProducten>` : '';
  return envelope(h, '317', `  <§Client>
    <§Bsn>${bsn}</§Bsn>
    <§Verzoek>
      <§ReferentieAanbieder>${v.ref}</§ReferentieAanbieder>
      <§RedenVerzoek>${v.reden ?? '1'}</§RedenVerzoek>
      ${ong}${tw}${nw}
    </§Verzoek>
  </§Client>`);
}

export function msg319(h: Header, a: { ref: string; antwoord: '1' | '2'; reden?: string }): string {
  return envelope(h, '319', `  <§Antwoord>
    <§ReferentieAanbieder>${a.ref}</§ReferentieAanbieder>
    <§VerzoekAntwoord>${a.antwoord}</§VerzoekAntwoord>${a.reden ? `\n    <§RedenAfwijzingVerzoek>${a.reden}</§RedenAfwijzingVerzoek>` : ''}
  </§Antwoord>`);
}

export interface PrestatieInput { ref: string; vorig?: string; nr: string; cat: string; code?: string; begin: string; eind: string; volume: number; eenheid?: string; tarief?: number; bedrag: number; dc?: 'D' | 'C' }
const signed = (p: { bedrag: number; dc?: 'D' | 'C' }) => (p.dc === 'C' ? -p.bedrag : p.bedrag);
function totaal(name: string, amount: number): string {
  return `<§${name}><¤TotaalBedrag>${Math.abs(amount)}</¤TotaalBedrag><¤DebetCredit>${amount < 0 ? 'C' : 'D'}</¤DebetCredit></§${name}>`;
}
function prestatie(p: PrestatieInput, extra = ''): string {
  return `<§Prestatie><§ProductReferentie><¤ReferentieNummer>${p.ref}</¤ReferentieNummer>${p.vorig ? `<¤VorigReferentieNummer>${p.vorig}</¤VorigReferentieNummer>` : ''}</§ProductReferentie><§ToewijzingNummer>${p.nr}</§ToewijzingNummer><§ProductCategorie>${p.cat}</§ProductCategorie><§ProductCode>${p.code ?? `${p.cat}A01`}</§ProductCode><§ProductPeriode><¤Begindatum>${p.begin}</¤Begindatum><¤Einddatum>${p.eind}</¤Einddatum></§ProductPeriode><§GeleverdVolume>${p.volume}</§GeleverdVolume><§Eenheid>${p.eenheid ?? '04'}</§Eenheid>${p.tarief !== undefined ? `<§ProductTarief>${p.tarief}</§ProductTarief>` : ''}<§IngediendBedrag><¤Bedrag>${p.bedrag}</¤Bedrag><¤DebetCredit>${p.dc ?? 'D'}</¤DebetCredit></§IngediendBedrag>${extra}</§Prestatie>`;
}
const codes = (c: string[]) => `<§RetourCodes>${c.map((x) => `<§RetourCode>${x}</§RetourCode>`).join('')}</§RetourCodes>`;

export interface DeclaratieInput { nummer: string; begin: string; eind: string; dag?: string; clienten: { bsn: string; prestaties: PrestatieInput[] }[] }
export function msg323(h: Header, d: DeclaratieInput): string {
  const total = d.clienten.flatMap((c) => c.prestaties).reduce((s, p) => s + signed(p), 0);
  return envelope(h, '323', `  <§Declaratie>
    <§DeclaratieNummer>${d.nummer}</§DeclaratieNummer>
    <§DeclaratiePeriode><¤Begindatum>${d.begin}</¤Begindatum><¤Einddatum>${d.eind}</¤Einddatum></§DeclaratiePeriode>
    <§DeclaratieDagtekening>${d.dag ?? h.dag}</§DeclaratieDagtekening>
    ${totaal('TotaalIngediendBedrag', total)}
    <§Clienten>${d.clienten.map((c) => `<§Client><§Bsn>${c.bsn}</§Bsn><§Prestaties>${c.prestaties.map((p) => prestatie(p)).join('')}</§Prestaties></§Client>`).join('')}</§Clienten>
  </§Declaratie>`);
}

export interface AntwoordInput {
  /** BerichtIdentificatie of the 323 answered. */
  declId: string;
  declDag: string;
  headerCodes?: string[];
  /** null: header-only answer (technical rejection). */
  antwoord: null | {
    nummer: string;
    ingediend: number; // signed, eurocent
    toegekend: number; // signed
    codes?: string[];
    /** Only rejected prestaties are returned. */
    clienten?: { bsn: string; codes?: string[]; prestaties: (PrestatieInput & { codes: string[] })[] }[];
  };
}
export function msg325(h: Header, a: AntwoordInput): string {
  const extra = `
    <§DeclaratieIdentificatie><¤Identificatie>${a.declId}</¤Identificatie><¤Dagtekening>${a.declDag}</¤Dagtekening></§DeclaratieIdentificatie>
    <§XsdVersieDeclaratie><¤BasisschemaXsdVersie>1.0.0</¤BasisschemaXsdVersie><¤BerichtXsdVersie>1.0.0</¤BerichtXsdVersie></§XsdVersieDeclaratie>
    ${codes(a.headerCodes ?? ['0200'])}`;
  const an = a.antwoord;
  const body = an ? `  <§DeclaratieAntwoord>
    <§DeclaratieNummer>${an.nummer}</§DeclaratieNummer>
    ${totaal('TotaalIngediendBedrag', an.ingediend)}
    ${totaal('TotaalToegekendBedrag', an.toegekend)}
    ${an.clienten?.length ? `<§Clienten>${an.clienten.map((c) => `<§Client><§Bsn>${c.bsn}</§Bsn><§Prestaties>${c.prestaties.map((p) => prestatie(p, codes(p.codes))).join('')}</§Prestaties>${codes(c.codes ?? ['0200'])}</§Client>`).join('')}</§Clienten>` : ''}
    ${codes(an.codes ?? ['0200'])}
  </§DeclaratieAntwoord>` : '';
  return envelope(h, '325', body, extra);
}

/** Retour codes to put in a retour message; default 0200 everywhere. */
export interface RetourInput { id: string; dag: string; header?: string[]; client?: string[]; /** per class element name, e.g. { ToegewezenProduct: ['9019'] } */ items?: Record<string, string[]> }
const RETOUR_OF: Record<string, Type> = { '301': '302', '305': '306', '307': '308', '315': '316', '317': '318', '319': '320' };
/** Classes that carry RetourCodes in the retour of each heenbericht (besides Client). */
const RETOUR_CLASSES: Record<string, string[]> = {
  '301': ['ToegewezenProduct', 'Contact'],
  '305': ['StartProduct'],
  '307': ['StopProduct'],
  '315': ['AangevraagdProduct'],
  '317': ['OngewijzigdProduct', 'TeWijzigenProduct', 'NieuwProduct', 'Verzoek'],
  '319': ['Antwoord'],
};

/**
 * The retour on a heenbericht built by the functions above: same content, the retour's BerichtCode
 * and namespace, IdentificatieRetour/DagtekeningRetour in the header and RetourCodes on every class.
 */
export function retourOf(heen: string, r: RetourInput): string {
  const m = /<(wmo|jw)(\d{3}):Bericht/.exec(heen)!;
  const [pre, type] = [m[1]!, m[2]!];
  const std: Std = pre === 'wmo' ? 'iwmo' : 'ijw';
  const base = NS[std][0];
  const rt = RETOUR_OF[type]!;
  let x = heen.replaceAll(`${pre}${type}`, `${pre}${rt}`).replaceAll(`${NS[std][2]}${type}`, `${NS[std][2]}${rt}`);
  const q = `${pre}${rt}:`;
  x = x.replace(`<${q}BerichtCode>${CODES[std][type as Type]}</${q}BerichtCode>`, `<${q}BerichtCode>${CODES[std][rt]}</${q}BerichtCode>`);
  const rc = (c: string[]) => `<${q}RetourCodes>${c.map((v) => `<${q}RetourCode>${v}</${q}RetourCode>`).join('')}</${q}RetourCodes>`;
  x = x.replace(`</${q}Header>`, `<${q}IdentificatieRetour>${r.id}</${q}IdentificatieRetour><${q}DagtekeningRetour>${r.dag}</${q}DagtekeningRetour><${q}XsdVersieRetour><${base}:BasisschemaXsdVersie>1.0.0</${base}:BasisschemaXsdVersie><${base}:BerichtXsdVersie>1.0.0</${base}:BerichtXsdVersie></${q}XsdVersieRetour>${rc(r.header ?? ['0200'])}</${q}Header>`);
  for (const cls of RETOUR_CLASSES[type]!) x = x.replaceAll(`</${q}${cls}>`, `${rc(r.items?.[cls] ?? ['0200'])}</${q}${cls}>`);
  x = x.replace(`</${q}Client>`, `${rc(r.client ?? ['0200'])}</${q}Client>`);
  return x;
}

/** One crafted message of every type (a small consistent chain for one client, BSN 999900006). */
export function craftedSet(std: Std, BSN = '999900006') {
  const h = (id: string, dag: string): Header => ({ std, gemeente: '9001', agb: '99000001', id, dag });
  const cat = std === 'iwmo' ? '02' : '45';
  const m301 = msg301(h('T1', '2024-01-05'), { bsn: BSN }, [{ nr: '5001', ref: 'VOT-1', cat, tdatum: '2024-01-05', ingang: '2024-01-08', eind: '2024-12-31', volume: 3, eenheid: '04', frequentie: '2' }]);
  const m305 = msg305(h('S1', '2024-01-10'), { bsn: BSN }, [{ nr: '5001', cat, ingang: '2024-01-08', begin: '2024-01-09' }]);
  const m307 = msg307(h('E1', '2024-06-03'), { bsn: BSN }, [{ nr: '5001', cat, ingang: '2024-01-08', begin: '2024-01-09', eind: '2024-05-31', reden: std === 'iwmo' ? '19' : '31' }]);
  const m315 = msg315(h('V1', '2024-01-02'), { bsn: BSN }, [{ ref: 'VOT-1', cat, code: `${cat}A01`, ingang: '2024-01-08', eind: '2024-12-31', volume: 3, verwijzer: std === 'iwmo' ? '01' : '02' }]);
  const m317 = msg317(h('W1', '2024-03-01'), BSN, { ref: 'VOW-1', reden: '2', teWijzigen: [{ nr: '5001', ingang: '2024-03-01', eind: '2024-12-31', volume: 5, eenheid: '04', frequentie: '2' }], nieuw: [{ cat, code: `${cat}A02`, ingang: '2024-04-01', budget: 100000 }] });
  const m319 = msg319(h('A1', '2024-03-04'), { ref: 'VOW-1', antwoord: '1', reden: '2' });
  const m323 = msg323(h('D1', '2024-02-05'), { nummer: 'DEC1', begin: '2024-01-01', eind: '2024-01-31', clienten: [{ bsn: BSN, prestaties: [{ ref: 'P1', nr: '5001', cat, begin: '2024-01-08', eind: '2024-01-31', volume: 10, tarief: 5000, bedrag: 50000 }] }] });
  const m325 = msg325(h('R1', '2024-02-10'), { declId: 'D1', declDag: '2024-02-05', antwoord: { nummer: 'DEC1', ingediend: 50000, toegekend: 0, clienten: [{ bsn: BSN, prestaties: [{ ref: 'P1', nr: '5001', cat, begin: '2024-01-08', eind: '2024-01-31', volume: 10, tarief: 5000, bedrag: 50000, codes: ['9321'] }] }] } });
  return {
    '301': m301, '305': m305, '307': m307, '315': m315, '317': m317, '319': m319, '323': m323, '325': m325,
    '302': retourOf(m301, { id: 'RT1', dag: '2024-01-06', items: { ToegewezenProduct: ['0200'] } }),
    '306': retourOf(m305, { id: 'RT2', dag: '2024-01-11' }),
    '308': retourOf(m307, { id: 'RT3', dag: '2024-06-04', items: { StopProduct: ['9069'] } }),
    '316': retourOf(m315, { id: 'RT4', dag: '2024-01-03' }),
    '318': retourOf(m317, { id: 'RT5', dag: '2024-03-02', items: { NieuwProduct: ['9361'] } }),
    '320': retourOf(m319, { id: 'RT6', dag: '2024-03-05' }),
  } as const;
}
