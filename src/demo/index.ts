/**
 * Demo gemeente generator: the fictional gemeente Koersdam (code 9001, GM9001) with about
 * 60 000 inhabitants x scale in 10 wijken, ~16 aanbieders, iWmo/iJw 3.2 message traffic from
 * December 2018 up to asOf, and the gemeente's other sources in the Koers tabular formats.
 *
 * Files written by writeDemo(outDir) (UTF-8, `,`-separated CSV with header, no BOM):
 * - gemeente.json   {"code":"9001","name":"Koersdam","asOf":"2026-09-30","seed":2026}
 * - wijken.geojson  FeatureCollection, properties {wijkcode, wijknaam, gemeentecode}, WGS84
 * - bevolking.csv   jaar,gemeente,wijk,leeftijd,geslacht,inwoners (1 January; leeftijd 100 = 100+)
 * - postcodes.csv   gemeente,postcode,wijk
 * - contracten.csv  gemeente,contract,agb,aanbieder,wet,uitvoeringsvariant,toewijzingsvariant,
 *                   ingangsdatum,einddatum,productcode,productcategorie,productnaam,tarief_cent,eenheid,taakveld
 * - begroting.csv, uitkeringen.csv, toegang.csv, schuldhulp.csv, algemene-voorzieningen.csv,
 *   algemene-voorzieningen-aantallen.csv, zrm.csv, plandoelen.csv, uitkomsten.csv,
 *   clientervaring.csv: the sources budget, benefits, toegang, schuldhulp, algemene_voorzieningen(_aantallen),
 *   zrm, plan_goals, outcomes and client_experience in their Koers format (docs/formats.md; the
 *   importer recognises each by its header); see sources.ts for what they show
 * - berichten/YYYY/MM/<BERICHT>_<Afzender>_<Identificatie>.xml (month of the Dagtekening):
 *   301/305/307 (trajectories.ts, messages.ts), 315/317/319 (requests.ts) and 323/325 from
 *   January 2024 (declarations.ts)
 *
 * Notes for importers: taakgericht aanbieders appear only in contracten.csv; the generiek
 * aanbieder (Zorgboerderij De Hoeve, Wmo 07) sends toewijzingen without Product (Budget only),
 * so its category comes from contracten.csv; the aspecifiek one (Regiotaxi, Wmo 08) sends
 * Categorie without Code plus a Budget.
 */
export type { DemoModel, DemoOptions, DemoMessage, BerichtType, Law, Person, Toewijzing } from './types.js';
export type { TabularSources } from './sources.js';
export { generateDemo, resolveOptions, DEFAULT_AS_OF, DEFAULT_SEED } from './generate.js';
export { writeDemo, listDemoMessageFiles, renderDemoFiles, REFERENCE_FILES } from './write.js';
export type { DemoSummary, DemoFile, ProgressCallback } from './write.js';
export { renderMessage } from './xml.js';
