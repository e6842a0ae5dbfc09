/**
 * Renders demo messages as iWmo 3.2 / iJw 3.2 XML (WMO301/305/307, JW301/305/307): a tiny
 * escaped string builder, tab-indented like the official example messages. Element order follows
 * the XSDs; optional elements are only written when they have a value.
 */
import { BASIS_META, MESSAGE_META, PLAATSNAAM } from './catalog.js';
import { ageOn, isoFromDay } from './dates.js';
import { addressOn } from './population.js';
import type { Address, DemoMessage, Person } from './types.js';

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
      x.open(`${p}:ToegewezenProduct`).leaf(`${p}:ToewijzingNummer`, t.nummer);
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
