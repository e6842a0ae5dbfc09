/**
 * Hand-written iWmo/iJw 3.2 test messages (301/305/307) for crafted scenarios. Kept deliberately
 * small and literal so a test reads like the message it sends; every builder output is validated
 * against the official XSDs in tests/integration/import.test.ts.
 */
export type Std = 'iwmo' | 'ijw';
const NS = { iwmo: ['iwmo', 'wmo', 'WMO'], ijw: ['ijw', 'jw', 'JW'] } as const;
const CODES = { iwmo: { '301': 414, '305': 418, '307': 420 }, ijw: { '301': 436, '305': 438, '307': 440 } } as const;

export interface Header { std: Std; gemeente: string; agb: string; id: string; dag: string }
export interface Client { bsn: string; geboortedatum?: string; geslacht?: '1' | '2'; postcode?: string; huisnummer?: string }

function envelope(h: Header, type: '301' | '305' | '307', body: string): string {
  const [base, pre, up] = NS[h.std];
  const m = `${pre}${type}`;
  const from = type === '301' ? h.gemeente : h.agb;
  const to = type === '301' ? h.agb : h.gemeente;
  return `<?xml version="1.0" encoding="UTF-8"?>
<${m}:Bericht xmlns:${base}="http://www.istandaarden.nl/${h.std}/3_2/basisschema/schema" xmlns:${m}="http://www.istandaarden.nl/${h.std}/3_2/${m}/schema">
  <${m}:Header>
    <${m}:BerichtCode>${CODES[h.std][type]}</${m}:BerichtCode>
    <${m}:BerichtVersie>3</${m}:BerichtVersie>
    <${m}:BerichtSubversie>2</${m}:BerichtSubversie>
    <${m}:Afzender>${from}</${m}:Afzender>
    <${m}:Ontvanger>${to}</${m}:Ontvanger>
    <${m}:BerichtIdentificatie><${base}:Identificatie>${h.id}</${base}:Identificatie><${base}:Dagtekening>${h.dag}</${base}:Dagtekening></${m}:BerichtIdentificatie>
    <${m}:XsdVersie><${base}:BasisschemaXsdVersie>1.0.0</${base}:BasisschemaXsdVersie><${base}:BerichtXsdVersie>1.0.0</${base}:BerichtXsdVersie></${m}:XsdVersie>
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

export interface Toegewezen { nr: string; cat: string; code?: string; tdatum: string; ttijd?: string; ingang: string; eind?: string; reden?: string }
export function msg301(h: Header, c: Client, products: Toegewezen[]): string {
  const contact = `    <§Contactgegevens><§Contact><§Soort>01</§Soort><§Adres><¤Huis><¤Huisnummer>${c.huisnummer ?? '1'}</¤Huisnummer></¤Huis><¤Postcode>${c.postcode ?? '9001AA'}</¤Postcode><¤Straatnaam>Teststraat</¤Straatnaam><¤Plaatsnaam>Koersdam</¤Plaatsnaam></§Adres></§Contact></§Contactgegevens>`;
  const items = products.map((p) => `      <§ToegewezenProduct>
        <§ToewijzingNummer>${p.nr}</§ToewijzingNummer>
        <§Product><¤Categorie>${p.cat}</¤Categorie><¤Code>${p.code ?? `${p.cat}A01`}</¤Code></§Product>
        <§Toewijzingsdatum>${p.tdatum}</§Toewijzingsdatum>
        <§Toewijzingstijd>${p.ttijd ?? '10:00:00'}</§Toewijzingstijd>
        <§Ingangsdatum>${p.ingang}</§Ingangsdatum>${p.eind ? `\n        <§Einddatum>${p.eind}</§Einddatum>` : ''}${p.reden ? `\n        <§RedenWijziging>${p.reden}</§RedenWijziging>` : ''}
      </§ToegewezenProduct>`).join('\n');
  return envelope(h, '301', `  <§Client>\n${client(c, true)}\n${contact}\n    <§ToegewezenProducten>\n${items}\n    </§ToegewezenProducten>\n  </§Client>`);
}

export interface Levering { nr: string; cat: string; code?: string; ingang: string; begin: string; eind?: string; reden?: string; status?: '1' | '2' | '3' }
export function msg305(h: Header, c: Client, items: Levering[]): string {
  const body = items.map((p) => `      <§StartProduct><§ToewijzingNummer>${p.nr}</§ToewijzingNummer><§Product><¤Categorie>${p.cat}</¤Categorie><¤Code>${p.code ?? `${p.cat}A01`}</¤Code></§Product><§ToewijzingIngangsdatum>${p.ingang}</§ToewijzingIngangsdatum><§Begindatum>${p.begin}</§Begindatum><§StatusAanlevering>${p.status ?? '1'}</§StatusAanlevering></§StartProduct>`).join('\n');
  return envelope(h, '305', `  <§Client>\n${client(c, false)}\n    <§StartProducten>\n${body}\n    </§StartProducten>\n  </§Client>`);
}
export function msg307(h: Header, c: Client, items: Levering[]): string {
  const body = items.map((p) => `      <§StopProduct><§ToewijzingNummer>${p.nr}</§ToewijzingNummer><§Product><¤Categorie>${p.cat}</¤Categorie><¤Code>${p.code ?? `${p.cat}A01`}</¤Code></§Product><§ToewijzingIngangsdatum>${p.ingang}</§ToewijzingIngangsdatum><§Begindatum>${p.begin}</§Begindatum><§RedenBeeindiging>${p.reden ?? '19'}</§RedenBeeindiging><§Einddatum>${p.eind}</§Einddatum><§StatusAanlevering>${p.status ?? '1'}</§StatusAanlevering></§StopProduct>`).join('\n');
  return envelope(h, '307', `  <§Client>\n${client(c, false)}\n    <§StopProducten>\n${body}\n    </§StopProducten>\n  </§Client>`);
}
