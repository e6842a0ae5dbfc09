/**
 * Renders demo messages as iWmo 3.2 / iJw 3.2 XML (WMO301/305/307, JW301/305/307): a tiny
 * escaped string builder, tab-indented like the official example messages. Element order follows
 * the XSDs; optional elements are only written when they have a value.
 */
import { BASIS_META, MESSAGE_META, PLAATSNAAM } from './catalog.js';
import { ageOn, isoFromDay } from './dates.js';
import { addressOn } from './population.js';
import type { Address, DemoMessage, Person, PrestatieLine } from './types.js';

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

class XmlBuilder {
  private readonly lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private depth = 0;

  open(name: string, attributes = ''): this {
    this.lines.push(`${'\t'.repeat(this.depth)}<${name}${attributes}>`);
    this.depth++;
    return this;
  }

  close(name: string): this {
    this.depth--;
    this.lines.push(`${'\t'.repeat(this.depth)}</${name}>`);
    return this;
  }

  leaf(name: string, value: string | number | undefined): this {
    if (value === undefined || value === '') return this;
    this.lines.push(`${'\t'.repeat(this.depth)}<${name}>${escapeXml(String(value))}</${name}>`);
    return this;
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

export interface RenderContext {
  persons: readonly Person[];
  addresses: readonly Address[];
}

export function renderMessage(m: DemoMessage, ctx: RenderContext): string {
  if (m.aangevraagd || m.verzoek || m.antwoord || m.declaratie || m.declaratieAntwoord) return renderRequestOrDeclaration(m, ctx);
  const meta = MESSAGE_META[m.type];
  const basis = BASIS_META[m.law];
  const p = meta.prefix;
  const b = basis.prefix;
  const person = ctx.persons[m.personId] as Person;
  const x = new XmlBuilder();

  x.open(`${p}:Bericht`, ` xmlns:${b}="${basis.ns}" xmlns:${p}="${meta.ns}"`);
  x.open(`${p}:Header`)
    .leaf(`${p}:BerichtCode`, meta.code)
    .leaf(`${p}:BerichtVersie`, '3')
    .leaf(`${p}:BerichtSubversie`, '2')
    .leaf(`${p}:Afzender`, m.afzender)
    .leaf(`${p}:Ontvanger`, m.ontvanger)
    .open(`${p}:BerichtIdentificatie`)
    .leaf(`${b}:Identificatie`, m.identificatie)
    .leaf(`${b}:Dagtekening`, isoFromDay(m.dagtekening))
    .close(`${p}:BerichtIdentificatie`)
    .open(`${p}:XsdVersie`)
    .leaf(`${b}:BasisschemaXsdVersie`, basis.xsdVersie)
    .leaf(`${b}:BerichtXsdVersie`, basis.berichtXsdVersie)
    .close(`${p}:XsdVersie`)
    .close(`${p}:Header`);

  x.open(`${p}:Client`)
    .leaf(`${p}:Bsn`, person.bsn)
    .open(`${p}:Geboortedatum`)
    .leaf(`${b}:Datum`, isoFromDay(person.birthDay))
    .close(`${p}:Geboortedatum`)
    .leaf(`${p}:Geslacht`, person.sex === 'M' ? '1' : '2');

  if (m.toegewezen) {
    fullName(x, p, b, person);
    x.leaf(`${p}:JuridischeStatus`, m.juridischeStatus);
    const guardian = m.law === 'jeugd' ? guardianOf(person, m.dagtekening, ctx) : null;
    if (guardian) {
      x.open(`${p}:Relaties`).open(`${p}:Relatie`)
        .leaf(`${p}:Nummer`, '1')
        .leaf(`${p}:Volgorde`, '1')
        .leaf(`${p}:Soort`, '10')
        .open(`${p}:Geboortedatum`).leaf(`${b}:Datum`, isoFromDay(guardian.birthDay)).close(`${p}:Geboortedatum`)
        .leaf(`${p}:Geslacht`, guardian.sex === 'M' ? '1' : '2');
      fullName(x, p, b, guardian);
      contact(x, p, b, ctx.addresses[addressOn(guardian, m.dagtekening)] as Address);
      x.close(`${p}:Relatie`).close(`${p}:Relaties`);
    }
    x.open(`${p}:Contactgegevens`);
    contact(x, p, b, ctx.addresses[addressOn(person, m.dagtekening)] as Address);
    x.close(`${p}:Contactgegevens`);
    x.open(`${p}:ToegewezenProducten`);
    for (const t of m.toegewezen) {
      x.open(`${p}:ToegewezenProduct`).leaf(`${p}:ToewijzingNummer`, t.nummer).leaf(`${p}:ReferentieAanbieder`, t.referentie);
      product(x, p, b, t.categorie, t.code);
      x.leaf(`${p}:Toewijzingsdatum`, isoFromDay(t.toewijzingsdatum))
        .leaf(`${p}:Toewijzingstijd`, t.toewijzingstijd)
        .leaf(`${p}:Ingangsdatum`, isoFromDay(t.ingang))
        .leaf(`${p}:Einddatum`, isoFromDay(t.eind))
        .leaf(`${p}:RedenWijziging`, t.redenWijziging);
      if (t.omvang) {
        x.open(`${p}:Omvang`)
          .leaf(`${b}:Volume`, t.omvang.volume)
          .leaf(`${b}:Eenheid`, t.omvang.eenheid)
          .leaf(`${b}:Frequentie`, t.omvang.frequentie)
          .close(`${p}:Omvang`);
      } else x.leaf(`${p}:Budget`, t.budgetCent);
      x.leaf(`${p}:Commentaar`, t.commentaar).close(`${p}:ToegewezenProduct`);
    }
    x.close(`${p}:ToegewezenProducten`);
  } else {
    x.open(`${p}:Naam`).open(`${b}:Geslachtsnaam`)
      .leaf(`${b}:Achternaam`, person.achternaam)
      .leaf(`${b}:Voorvoegsel`, person.voorvoegsel)
      .close(`${b}:Geslachtsnaam`)
      .leaf(`${b}:Voorletters`, person.voorletters)
      .close(`${p}:Naam`);
    if (m.starts) {
      x.open(`${p}:StartProducten`);
      for (const s of m.starts) {
        x.open(`${p}:StartProduct`).leaf(`${p}:ToewijzingNummer`, s.nummer);
        product(x, p, b, s.categorie, s.code);
        x.leaf(`${p}:ToewijzingIngangsdatum`, isoFromDay(s.toewijzingIngang))
          .leaf(`${p}:Begindatum`, isoFromDay(s.begin))
          .leaf(`${p}:StatusAanlevering`, s.status)
          .close(`${p}:StartProduct`);
      }
      x.close(`${p}:StartProducten`);
    } else if (m.stops) {
      x.open(`${p}:StopProducten`);
      for (const s of m.stops) {
        x.open(`${p}:StopProduct`).leaf(`${p}:ToewijzingNummer`, s.nummer);
        product(x, p, b, s.categorie, s.code);
        x.leaf(`${p}:ToewijzingIngangsdatum`, isoFromDay(s.toewijzingIngang))
          .leaf(`${p}:Begindatum`, isoFromDay(s.begin))
          .leaf(`${p}:RedenBeeindiging`, s.reden)
          .leaf(`${p}:Einddatum`, isoFromDay(s.eind))
          .leaf(`${p}:StatusAanlevering`, '1')
          .close(`${p}:StopProduct`);
      }
      x.close(`${p}:StopProducten`);
    }
  }
  x.close(`${p}:Client`).close(`${p}:Bericht`);
  return x.toString();
}

/** Header shared by every message type; the 325 adds the declaratie it answers. */
function header(x: XmlBuilder, m: DemoMessage, p: string, b: string): void {
  const meta = MESSAGE_META[m.type];
  const basis = BASIS_META[m.law];
  x.open(`${p}:Header`)
    .leaf(`${p}:BerichtCode`, meta.code)
    .leaf(`${p}:BerichtVersie`, '3')
    .leaf(`${p}:BerichtSubversie`, '2')
    .leaf(`${p}:Afzender`, m.afzender)
    .leaf(`${p}:Ontvanger`, m.ontvanger)
    .open(`${p}:BerichtIdentificatie`)
    .leaf(`${b}:Identificatie`, m.identificatie)
    .leaf(`${b}:Dagtekening`, isoFromDay(m.dagtekening))
    .close(`${p}:BerichtIdentificatie`)
    .open(`${p}:XsdVersie`)
    .leaf(`${b}:BasisschemaXsdVersie`, basis.xsdVersie)
    .leaf(`${b}:BerichtXsdVersie`, basis.berichtXsdVersie)
    .close(`${p}:XsdVersie`);
  const da = m.declaratieAntwoord;
  if (da) {
    x.open(`${p}:DeclaratieIdentificatie`)
      .leaf(`${b}:Identificatie`, da.declaratie.identificatie)
      .leaf(`${b}:Dagtekening`, isoFromDay(da.declaratie.dagtekening))
      .close(`${p}:DeclaratieIdentificatie`)
      .open(`${p}:XsdVersieDeclaratie`)
      .leaf(`${b}:BasisschemaXsdVersie`, basis.xsdVersie)
      .leaf(`${b}:BerichtXsdVersie`, basis.berichtXsdVersie)
      .close(`${p}:XsdVersieDeclaratie`);
    retourCodes(x, p, ['0200']);
  }
  x.close(`${p}:Header`);
}

function retourCodes(x: XmlBuilder, p: string, codes: readonly string[]): void {
  x.open(`${p}:RetourCodes`);
  for (const c of codes) x.leaf(`${p}:RetourCode`, c);
  x.close(`${p}:RetourCodes`);
}

function omvangOrBudget(x: XmlBuilder, p: string, b: string, o: { omvang?: { volume: number; eenheid: string; frequentie: string }; budgetCent?: number }): void {
  if (o.omvang) {
    x.open(`${p}:Omvang`)
      .leaf(`${b}:Volume`, o.omvang.volume)
      .leaf(`${b}:Eenheid`, o.omvang.eenheid)
      .leaf(`${b}:Frequentie`, o.omvang.frequentie)
      .close(`${p}:Omvang`);
  } else x.leaf(`${p}:Budget`, o.budgetCent);
}

function prestatieXml(x: XmlBuilder, p: string, b: string, pr: PrestatieLine): void {
  x.open(`${p}:Prestatie`)
    .open(`${p}:ProductReferentie`)
    .leaf(`${b}:ReferentieNummer`, pr.referentie)
    .leaf(`${b}:VorigReferentieNummer`, pr.vorigReferentie)
    .close(`${p}:ProductReferentie`)
    .leaf(`${p}:ToewijzingNummer`, pr.nummer)
    .leaf(`${p}:ProductCategorie`, pr.categorie)
    .leaf(`${p}:ProductCode`, pr.code)
    .open(`${p}:ProductPeriode`)
    .leaf(`${b}:Begindatum`, isoFromDay(pr.begin))
    .leaf(`${b}:Einddatum`, isoFromDay(pr.eind))
    .close(`${p}:ProductPeriode`)
    .leaf(`${p}:GeleverdVolume`, pr.volume)
    .leaf(`${p}:Eenheid`, pr.eenheid)
    .leaf(`${p}:ProductTarief`, pr.tariefCent)
    .open(`${p}:IngediendBedrag`)
    .leaf(`${b}:Bedrag`, pr.bedragCent)
    .leaf(`${b}:DebetCredit`, pr.dc)
    .close(`${p}:IngediendBedrag`);
  if (pr.retourCodes) retourCodes(x, p, pr.retourCodes);
  x.close(`${p}:Prestatie`);
}

function totaal(x: XmlBuilder, p: string, b: string, name: string, signedCent: number): void {
  x.open(`${p}:${name}`)
    .leaf(`${b}:TotaalBedrag`, Math.abs(signedCent))
    .leaf(`${b}:DebetCredit`, signedCent < 0 ? 'C' : 'D')
    .close(`${p}:${name}`);
}

/** Prestaties grouped per client (Bsn), in the order given. */
function clients(x: XmlBuilder, p: string, b: string, list: readonly PrestatieLine[], ctx: RenderContext, withCodes: boolean): void {
  x.open(`${p}:Clienten`);
  let i = 0;
  while (i < list.length) {
    const personId = list[i]!.personId;
    x.open(`${p}:Client`).leaf(`${p}:Bsn`, (ctx.persons[personId] as Person).bsn).open(`${p}:Prestaties`);
    for (; i < list.length && list[i]!.personId === personId; i++) prestatieXml(x, p, b, list[i]!);
    x.close(`${p}:Prestaties`);
    if (withCodes) retourCodes(x, p, ['0200']);
    x.close(`${p}:Client`);
  }
  x.close(`${p}:Clienten`);
}

/** 315, 317, 319, 323 and 325 (element order as in the XSDs). */
function renderRequestOrDeclaration(m: DemoMessage, ctx: RenderContext): string {
  const meta = MESSAGE_META[m.type];
  const basis = BASIS_META[m.law];
  const p = meta.prefix;
  const b = basis.prefix;
  const x = new XmlBuilder();
  x.open(`${p}:Bericht`, ` xmlns:${b}="${basis.ns}" xmlns:${p}="${meta.ns}"`);
  header(x, m, p, b);
  if (m.aangevraagd) {
    const person = ctx.persons[m.personId] as Person;
    x.open(`${p}:Client`)
      .leaf(`${p}:Bsn`, person.bsn)
      .open(`${p}:Geboortedatum`).leaf(`${b}:Datum`, isoFromDay(person.birthDay)).close(`${p}:Geboortedatum`)
      .leaf(`${p}:Geslacht`, person.sex === 'M' ? '1' : '2');
    x.open(`${p}:Naam`).open(`${b}:Geslachtsnaam`)
      .leaf(`${b}:Achternaam`, person.achternaam)
      .leaf(`${b}:Voorvoegsel`, person.voorvoegsel)
      .close(`${b}:Geslachtsnaam`)
      .leaf(`${b}:Voorletters`, person.voorletters)
      .close(`${p}:Naam`);
    x.open(`${p}:AangevraagdeProducten`);
    for (const a of m.aangevraagd) {
      x.open(`${p}:AangevraagdProduct`).leaf(`${p}:ReferentieAanbieder`, a.referentie).leaf(`${p}:BeschikkingNummer`, a.beschikkingNummer);
      product(x, p, b, a.categorie, a.code);
      x.leaf(`${p}:ToewijzingIngangsdatum`, isoFromDay(a.ingang)).leaf(`${p}:ToewijzingEinddatum`, a.eind === undefined ? undefined : isoFromDay(a.eind));
      omvangOrBudget(x, p, b, a);
      x.open(`${p}:Verwijzer`).leaf(`${b}:Type`, a.verwijzer).leaf(`${b}:Naam`, a.verwijzerNaam).close(`${p}:Verwijzer`);
      x.close(`${p}:AangevraagdProduct`);
    }
    x.close(`${p}:AangevraagdeProducten`).close(`${p}:Client`);
  } else if (m.verzoek) {
    const v = m.verzoek;
    x.open(`${p}:Client`).leaf(`${p}:Bsn`, (ctx.persons[m.personId] as Person).bsn);
    x.open(`${p}:Verzoek`).leaf(`${p}:ReferentieAanbieder`, v.referentie).leaf(`${p}:RedenVerzoek`, v.reden);
    if (v.ongewijzigd.length) {
      x.open(`${p}:OngewijzigdeProducten`);
      for (const nr of v.ongewijzigd) x.open(`${p}:OngewijzigdProduct`).leaf(`${p}:ToewijzingNummer`, nr).close(`${p}:OngewijzigdProduct`);
      x.close(`${p}:OngewijzigdeProducten`);
    }
    if (v.teWijzigen.length) {
      x.open(`${p}:TeWijzigenProducten`);
      for (const t of v.teWijzigen) {
        x.open(`${p}:TeWijzigenProduct`).leaf(`${p}:ToewijzingNummer`, t.nummer)
          .leaf(`${p}:GewensteIngangsdatum`, isoFromDay(t.ingang)).leaf(`${p}:Einddatum`, t.eind === undefined ? undefined : isoFromDay(t.eind));
        omvangOrBudget(x, p, b, t);
        x.close(`${p}:TeWijzigenProduct`);
      }
      x.close(`${p}:TeWijzigenProducten`);
    }
    if (v.nieuw.length) {
      x.open(`${p}:NieuweProducten`);
      for (const n of v.nieuw) {
        x.open(`${p}:NieuwProduct`);
        product(x, p, b, n.categorie, n.code);
        x.leaf(`${p}:GewensteIngangsdatum`, isoFromDay(n.ingang)).leaf(`${p}:Einddatum`, n.eind === undefined ? undefined : isoFromDay(n.eind));
        omvangOrBudget(x, p, b, n);
        x.close(`${p}:NieuwProduct`);
      }
      x.close(`${p}:NieuweProducten`);
    }
    x.close(`${p}:Verzoek`).close(`${p}:Client`);
  } else if (m.antwoord) {
    x.open(`${p}:Antwoord`)
      .leaf(`${p}:ReferentieAanbieder`, m.antwoord.referentie)
      .leaf(`${p}:VerzoekAntwoord`, m.antwoord.antwoord)
      .leaf(`${p}:RedenAfwijzingVerzoek`, m.antwoord.reden)
      .close(`${p}:Antwoord`);
  } else if (m.declaratie) {
    const d = m.declaratie;
    const total = d.prestaties.reduce((s, pr) => s + (pr.dc === 'C' ? -pr.bedragCent : pr.bedragCent), 0);
    x.open(`${p}:Declaratie`)
      .leaf(`${p}:DeclaratieNummer`, d.nummer)
      .open(`${p}:DeclaratiePeriode`).leaf(`${b}:Begindatum`, isoFromDay(d.periodeBegin)).leaf(`${b}:Einddatum`, isoFromDay(d.periodeEind)).close(`${p}:DeclaratiePeriode`)
      .leaf(`${p}:DeclaratieDagtekening`, isoFromDay(m.dagtekening));
    totaal(x, p, b, 'TotaalIngediendBedrag', total);
    clients(x, p, b, d.prestaties, ctx, false);
    x.close(`${p}:Declaratie`);
  } else if (m.declaratieAntwoord) {
    const a = m.declaratieAntwoord;
    x.open(`${p}:DeclaratieAntwoord`).leaf(`${p}:DeclaratieNummer`, a.nummer);
    totaal(x, p, b, 'TotaalIngediendBedrag', a.ingediendCent);
    totaal(x, p, b, 'TotaalToegekendBedrag', a.toegekendCent);
    if (a.afgewezen.length) clients(x, p, b, a.afgewezen, ctx, true);
    retourCodes(x, p, [a.afgewezen.length ? '0200' : '8001']);
    x.close(`${p}:DeclaratieAntwoord`);
  }
  x.close(`${p}:Bericht`);
  return x.toString();
}

function fullName(x: XmlBuilder, p: string, b: string, person: Person): void {
  x.open(`${p}:Naam`).open(`${b}:Geslachtsnaam`)
    .leaf(`${b}:Achternaam`, person.achternaam)
    .leaf(`${b}:Voorvoegsel`, person.voorvoegsel)
    .close(`${b}:Geslachtsnaam`);
  if (person.partnerAchternaam) {
    x.open(`${b}:Partnernaam`)
      .leaf(`${b}:Achternaam`, person.partnerAchternaam)
      .leaf(`${b}:Voorvoegsel`, person.partnerVoorvoegsel)
      .close(`${b}:Partnernaam`);
  }
  x.leaf(`${b}:Voornamen`, person.voornamen)
    .leaf(`${b}:Voorletters`, person.voorletters)
    .leaf(`${b}:NaamGebruik`, person.naamGebruik)
    .close(`${p}:Naam`);
}

function contact(x: XmlBuilder, p: string, b: string, address: Address): void {
  x.open(`${p}:Contact`)
    .leaf(`${p}:Soort`, '01')
    .open(`${p}:Adres`)
    .open(`${b}:Huis`).leaf(`${b}:Huisnummer`, address.huisnummer).close(`${b}:Huis`)
    .leaf(`${b}:Postcode`, address.postcode)
    .leaf(`${b}:Straatnaam`, address.straat)
    .leaf(`${b}:Plaatsnaam`, PLAATSNAAM)
    .leaf(`${b}:LandCode`, 'NL')
    .close(`${p}:Adres`)
    .close(`${p}:Contact`);
}

function product(x: XmlBuilder, p: string, b: string, categorie: string | undefined, code: string | undefined): void {
  if (!categorie) return;
  x.open(`${p}:Product`).leaf(`${b}:Categorie`, categorie).leaf(`${b}:Code`, code).close(`${p}:Product`);
}

/** The parent with gezag for a minor client, when still living in Koersdam. */
function guardianOf(person: Person, day: number, ctx: RenderContext): Person | null {
  if (person.guardianId === null) return null;
  if (ageOn(day, person.birthY, person.birthM, person.birthD) >= 18) return null;
  const g = ctx.persons[person.guardianId] as Person;
  if (g.leaveDay <= day || g.arriveDay > day) return null;
  return g;
}
