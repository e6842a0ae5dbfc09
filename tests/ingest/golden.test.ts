import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMessage, type ParsedMessage } from '../../src/ingest/istandaarden/messages.js';
import { XsdCatalog } from '../../src/ingest/istandaarden/xml.js';
import { SHARED, XSD_DIR } from '../helpers/koers.js';

/**
 * Golden tests: every official iJw 3.2 example message parses, validated against the official XSD,
 * to the records written out by hand below (values copied from the example files).
 */
const DIR = path.join(SHARED, 'data/istandaarden-ijw-3.2/voorbeeldberichten');
const catalog = new XsdCatalog(XSD_DIR);
const read = (file: string): ParsedMessage => readMessage(fs.readFileSync(path.join(DIR, file)), { xsd: (s, b) => catalog.validatorFor(s, b) });
const ijw = { standard: 'ijw', law: 'jeugd' } as const;

describe('golden: iJw 3.2 voorbeeldberichten', () => {
  it('covers every example file', () => {
    expect(fs.readdirSync(DIR).filter((f) => f.endsWith('.xml')).sort()).toEqual([
      'JW301.xml', 'JW302.xml', 'JW305.xml', 'JW306.xml', 'JW307.xml', 'JW308.xml', 'JW315.xml', 'JW316.xml', 'JW317.xml', 'JW319.xml', 'JW320.xml',
      'JW323-variant-2023-credit-vorigreferentie.xml', 'JW323.xml', 'JW325.xml',
    ]);
  });

  it('JW301 toewijzing', () => {
    expect(read('JW301.xml')).toEqual({
      ...ijw, type: '301', bericht: 'JW301',
      header: { berichtcode: 436, afzender: '0384', ontvanger: '42420001', identificatie: '123456789012', dagtekening: '2026-04-01' },
      client: {
        bsn: '999900006', geboortedatum: '2010-02-14', geboortejaar: 2010, geboortemaand: 2, geslacht: 'M',
        // No BRP address (Soort 01) in the example: the first address (Soort 03) is used.
        adres: { postcode: '9999XX', huisnummer: '9', huisletter: 'B', toevoeging: 'BEL' },
      },
      producten: [
        { toewijzingNummer: '300201', referentieAanbieder: '40A12341234', categorie: '55', productcode: '55A11', toewijzingsdatum: '2026-04-01', toewijzingstijd: '12:34:56', ingangsdatum: '2026-04-01', einddatum: '2026-07-14', redenWijziging: null, volume: 2, eenheid: '04', frequentie: '2', budget: null },
        { toewijzingNummer: '300202', referentieAanbieder: '40A12341235', categorie: '55', productcode: '55A12', toewijzingsdatum: '2026-04-01', toewijzingstijd: '12:34:56', ingangsdatum: '2026-04-01', einddatum: '2026-07-19', redenWijziging: null, volume: 2, eenheid: '16', frequentie: '2', budget: null },
      ],
    });
  });

  it('JW302 retour on a 301 (header only, rejected 8848)', () => {
    expect(read('JW302.xml')).toEqual({
      ...ijw, type: '302', bericht: 'JW302',
      header: { berichtcode: 437, afzender: '0384', ontvanger: '42420001', identificatie: '123456789012', dagtekening: '2023-07-15' },
      client: null,
      retour: { answers: '301', identificatie: '9452b7eb-c87', dagtekening: '2023-07-16', headerCodes: ['8848'], clientCodes: [], items: [] },
    });
  });

  it('JW305 start zorg', () => {
    expect(read('JW305.xml')).toEqual({
      ...ijw, type: '305', bericht: 'JW305',
      header: { berichtcode: 438, afzender: '65656055', ontvanger: '0363', identificatie: '123456789012', dagtekening: '2026-04-15' },
      client: { bsn: '999900006', geboortedatum: '2010-02-14', geboortejaar: 2010, geboortemaand: 2, geslacht: 'M', adres: null },
      producten: [
        { toewijzingNummer: '300201', categorie: '55', productcode: '55A11', toewijzingIngangsdatum: '2026-04-01', begindatum: '2026-04-03', einddatum: null, redenBeeindiging: null, statusAanlevering: '1' },
        { toewijzingNummer: '300202', categorie: '55', productcode: '55A12', toewijzingIngangsdatum: '2026-04-01', begindatum: '2026-04-15', einddatum: null, redenBeeindiging: null, statusAanlevering: '1' },
      ],
    });
  });

  it('JW306 retour on a 305', () => {
    expect(read('JW306.xml')).toEqual({
      ...ijw, type: '306', bericht: 'JW306',
      header: { berichtcode: 439, afzender: '65656055', ontvanger: '0363', identificatie: '123456789012', dagtekening: '2023-07-25' },
      client: null,
      retour: { answers: '305', identificatie: '7ae60051-e0f', dagtekening: '2023-07-26', headerCodes: ['8848'], clientCodes: [], items: [] },
    });
  });

  it('JW307 stop zorg (31 = volgens plan in Jeugd)', () => {
    expect(read('JW307.xml')).toEqual({
      ...ijw, type: '307', bericht: 'JW307',
      header: { berichtcode: 440, afzender: '65656055', ontvanger: '0363', identificatie: '123456789012', dagtekening: '2026-07-20' },
      client: { bsn: '999900006', geboortedatum: '2010-02-14', geboortejaar: 2010, geboortemaand: 2, geslacht: 'M', adres: null },
      producten: [
        { toewijzingNummer: '300201', categorie: '55', productcode: '55A11', toewijzingIngangsdatum: '2026-04-01', begindatum: '2026-04-03', einddatum: '2026-07-17', redenBeeindiging: '31', statusAanlevering: '1' },
        { toewijzingNummer: '300202', categorie: '55', productcode: '55A12', toewijzingIngangsdatum: '2026-04-01', begindatum: '2026-04-15', einddatum: '2026-07-17', redenBeeindiging: '31', statusAanlevering: '1' },
      ],
    });
  });

  it('JW308 retour on a 307 without any RetourCodes', () => {
    expect(read('JW308.xml')).toEqual({
      ...ijw, type: '308', bericht: 'JW308',
      header: { berichtcode: 441, afzender: '65656055', ontvanger: '0363', identificatie: '123456789012', dagtekening: '2023-07-20' },
      client: null,
      retour: { answers: '307', identificatie: '8a554e87-5a3', dagtekening: '2023-07-21', headerCodes: [], clientCodes: [], items: [] },
    });
  });

  it('JW315 verzoek om toewijzing', () => {
    expect(read('JW315.xml')).toEqual({
      ...ijw, type: '315', bericht: 'JW315',
      header: { berichtcode: 446, afzender: '42420001', ontvanger: '0384', identificatie: '123456789012', dagtekening: '2023-07-15' },
      client: { bsn: '999900006', geboortedatum: '2010-02-14', geboortejaar: 2010, geboortemaand: 2, geslacht: 'M', adres: null },
      producten: [
        { referentieAanbieder: '40A12341234', beschikkingNummer: '123', categorie: '55', productcode: '55A11', beschikkingIngangsdatum: '2023-07-15', toewijzingIngangsdatum: '2023-04-01', toewijzingEinddatum: '2024-07-19', volume: 2, eenheid: '16', frequentie: '4', budget: null, verwijzerType: '01', raamcontract: true },
        { referentieAanbieder: '40A12341235', beschikkingNummer: '123', categorie: '55', productcode: '55A12', beschikkingIngangsdatum: '2023-07-15', toewijzingIngangsdatum: '2023-04-01', toewijzingEinddatum: '2024-07-19', volume: 2, eenheid: '16', frequentie: '4', budget: null, verwijzerType: '02', raamcontract: true },
      ],
    });
  });

  it('JW316 retour on a 315 with product-level codes', () => {
    expect(read('JW316.xml')).toEqual({
      ...ijw, type: '316', bericht: 'JW316',
      header: { berichtcode: 447, afzender: '42420001', ontvanger: '0384', identificatie: '123456789012', dagtekening: '2023-07-15' },
      client: { bsn: '999900006', geboortedatum: '1967-07-10', geboortejaar: 1967, geboortemaand: 7, geslacht: 'M', adres: null },
      retour: {
        answers: '315', identificatie: 'ef8eaf5d-2bf', dagtekening: '2023-07-16', headerCodes: ['0200'], clientCodes: ['0200'],
        items: [
          { level: 'AangevraagdProduct', key: '42420001', codes: ['9347'] },
          { level: 'AangevraagdProduct', key: '42420001', codes: ['0200'] },
        ],
      },
    });
  });

  it('JW317 verzoek om wijziging', () => {
    expect(read('JW317.xml')).toEqual({
      ...ijw, type: '317', bericht: 'JW317',
      header: { berichtcode: 486, afzender: '65656055', ontvanger: '0384', identificatie: '987654321', dagtekening: '2026-01-02' },
      client: { bsn: '999900006', geboortedatum: null, geboortejaar: null, geboortemaand: null, geslacht: null, adres: null },
      verzoek: {
        referentieAanbieder: '9003', redenVerzoek: '1',
        producten: [
          { kind: 'ongewijzigd', toewijzingNummer: '10071', categorie: null, productcode: null, gewensteIngangsdatum: null, einddatum: null, volume: null, eenheid: null, frequentie: null, budget: null },
          // The example's Einddatum lies before the GewensteIngangsdatum; the XSD allows it and so does the reader (no rule forbids it in a request).
          { kind: 'nieuw', toewijzingNummer: null, categorie: '45', productcode: '45A03', gewensteIngangsdatum: '2026-11-01', einddatum: '2024-02-28', volume: 4, eenheid: '04', frequentie: '4', budget: null },
        ],
      },
    });
  });

  it('JW319 antwoord: afgewezen, woonplaatsbeginsel', () => {
    expect(read('JW319.xml')).toEqual({
      ...ijw, type: '319', bericht: 'JW319',
      header: { berichtcode: 488, afzender: '0384', ontvanger: '65656055', identificatie: '876543219', dagtekening: '2026-04-01' },
      antwoord: { referentieAanbieder: '9003', verzoekAntwoord: '1', redenAfwijzing: '8', woonplaatsGemeente: '1916' },
    });
  });

  it('JW320 retour on a 319', () => {
    expect(read('JW320.xml')).toEqual({
      ...ijw, type: '320', bericht: 'JW320',
      header: { berichtcode: 489, afzender: '0384', ontvanger: '65656055', identificatie: '876543219', dagtekening: '2023-04-04' },
      client: null,
      retour: { answers: '319', identificatie: 'RT321', dagtekening: '2023-04-04', headerCodes: ['0200'], clientCodes: [], items: [{ level: 'Antwoord', key: '9003', codes: ['9360'] }] },
    });
  });

  const prestatie = (ref: string, nr: string, code: string, begin: string, eind: string, volume: number, tarief: number, bedrag: number, dc: 'D' | 'C', vorig: string | null = null) => ({
    referentieNummer: ref, vorigReferentieNummer: vorig, toewijzingNummer: nr, categorie: '45', productcode: code, periodeBegin: begin, periodeEind: eind,
    geleverdVolume: volume, eenheid: '04', productTarief: tarief, ingediend: { bedrag, debetCredit: dc },
  });
  const bsnOnly = (bsn: string) => ({ bsn, geboortedatum: null, geboortejaar: null, geboortemaand: null, geslacht: null, adres: null });

  it('JW323 declaratie (debet)', () => {
    expect(read('JW323.xml')).toEqual({
      ...ijw, type: '323', bericht: 'JW323',
      header: { berichtcode: 490, afzender: '65656055', ontvanger: '0384', identificatie: '765432198', dagtekening: '2026-05-06' },
      declaratie: {
        declaratieNummer: 'DN001', periodeBegin: '2026-04-01', periodeEind: '2026-04-30', declaratieDagtekening: '2026-05-06', totaalIngediend: { bedrag: 79000, debetCredit: 'D' },
        clienten: [
          { client: bsnOnly('999900006'), prestaties: [
            prestatie('RN001', '10072', '45A03', '2026-04-01', '2026-04-30', 4, 1250, 5000, 'D'),
            prestatie('RN002', '10073', '45A04', '2026-04-01', '2026-04-30', 16, 1500, 24000, 'D'),
          ] },
          { client: bsnOnly('999900018'), prestaties: [
            prestatie('RN003', '10074', '45A03', '2026-04-01', '2026-04-30', 4, 1250, 5000, 'D'),
            prestatie('RN004', '10073', '45A04', '2026-04-01', '2026-04-30', 16, 1500, 24000, 'D'),
            // The same ReferentieNummer again (March, declared late): TR314 is judged per prestatie by the gemeente (8021), so it is read.
            prestatie('RN004', '10073', '45A04', '2026-03-01', '2026-03-31', 14, 1500, 21000, 'D'),
          ] },
        ],
      },
    });
  });

  it('JW323 credit variant with VorigReferentieNummer', () => {
    const m = read('JW323-variant-2023-credit-vorigreferentie.xml');
    expect(m).toEqual({
      ...ijw, type: '323', bericht: 'JW323',
      header: { berichtcode: 490, afzender: '65656055', ontvanger: '0384', identificatie: '765432198', dagtekening: '2023-05-06' },
      declaratie: {
        declaratieNummer: 'DN001', periodeBegin: '2023-04-01', periodeEind: '2023-04-30', declaratieDagtekening: '2023-05-06', totaalIngediend: { bedrag: 58000, debetCredit: 'C' },
        clienten: [
          { client: bsnOnly('999900006'), prestaties: [
            prestatie('RN001', '10072', '45A03', '2023-04-01', '2023-04-30', 4, 1250, 5000, 'C', 'RN000'),
            prestatie('RN002', '10073', '45A04', '2023-04-01', '2023-04-30', 16, 1500, 24000, 'C', 'RN005'),
          ] },
          { client: bsnOnly('999900018'), prestaties: [
            prestatie('RN003', '10074', '45A03', '2023-04-01', '2023-04-30', 4, 1250, 5000, 'C', 'RN006'),
            prestatie('RN004', '10073', '45A04', '2023-04-01', '2023-04-30', 16, 1500, 24000, 'C', 'RN007'),
          ] },
        ],
      },
    });
  });

  it('JW325 declaratie-antwoord: only rejected prestaties, with their codes', () => {
    expect(read('JW325.xml')).toEqual({
      ...ijw, type: '325', bericht: 'JW325',
      header: { berichtcode: 491, afzender: '0384', ontvanger: '65656055', identificatie: '654321987', dagtekening: '2023-05-07' },
      declaratieIdentificatie: { identificatie: '765432198', dagtekening: '2023-05-07' },
      retourCodes: ['0200'],
      antwoord: {
        declaratieNummer: 'DN001', totaalIngediend: { bedrag: 58000, debetCredit: 'C' }, totaalToegekend: { bedrag: 34000, debetCredit: 'C' }, retourCodes: ['0200'],
        clienten: [
          { client: bsnOnly('999900006'), retourCodes: ['0200'], prestaties: [
            { ...prestatie('RN001', '10072', '45A03', '2023-04-01', '2023-04-30', 4, 1250, 5000, 'C', 'RT001'), retourCodes: ['0611'] },
            { ...prestatie('RN002', '10073', '45A04', '2023-04-01', '2023-04-30', 16, 1500, 14000, 'C', 'RT002'), retourCodes: ['9339', '9340', '9341'] },
          ] },
          { client: bsnOnly('999900018'), retourCodes: ['0200'], prestaties: [
            { ...prestatie('RN003', '10074', '45A03', '2023-04-01', '2023-04-30', 4, 1250, 5000, 'C', 'RT003'), retourCodes: ['9307'] },
          ] },
        ],
      },
    });
  });
});
