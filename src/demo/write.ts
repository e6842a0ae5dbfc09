/**
 * Writing the demo gemeente to disk: the reference files and one XML file per message under
 * berichten/YYYY/MM/. Rendering is lazy (renderDemoFiles) so memory stays flat at scale 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bevolkingCsv, contractenCsv, gemeenteJson, postcodesCsv, sourceCsv, wijkenGeojson } from './csv.js';
import { SOURCE_FILES } from './sources.js';
import { cbsReferenceCsv } from './cbs-reference.js';
import { generateDemo } from './generate.js';
import type { DemoModel, DemoOptions } from './types.js';
import { renderMessage } from './xml.js';

export interface DemoSummary {
  gemeenteCode: string;
  gemeenteName: string;
  /** Inhabitants on 1 January of the asOf year. */
  inhabitants: number;
  wijken: number;
  aanbieders: number;
  messages: number;
  /** Relative paths (forward slashes) of every file written, reference files first. */
  files: string[];
}

export type ProgressCallback = (done: number, total: number, phase: string) => void;

export interface DemoFile {
  path: string;
  content: string;
}

/** Reference files, then the other tabular sources (the importer recognises each by its header). */
export const REFERENCE_FILES = ['gemeente.json', 'wijken.geojson', 'bevolking.csv', 'postcodes.csv', 'contracten.csv', ...SOURCE_FILES.map(([name]) => name), 'cbs-referentie.csv'] as const;

/** All files of the demo in write order: reference and tabular files, then messages in date order. */
export function* renderDemoFiles(model: DemoModel): Generator<DemoFile> {
  yield { path: 'gemeente.json', content: gemeenteJson(model) };
  yield { path: 'wijken.geojson', content: wijkenGeojson(model) };
  yield { path: 'bevolking.csv', content: bevolkingCsv(model.population) };
  yield { path: 'postcodes.csv', content: postcodesCsv(model.postcodes) };
  yield { path: 'contracten.csv', content: contractenCsv(model.contracts) };
  for (const [name, key, header] of SOURCE_FILES) yield { path: name, content: sourceCsv(header, model.sources[key]) };
  yield { path: 'cbs-referentie.csv', content: cbsReferenceCsv(model.options.asOf) };
  const ctx = { persons: model.persons, addresses: model.addresses };
  for (const m of model.messages) yield { path: m.path, content: renderMessage(m, ctx) };
}

export function summarize(model: DemoModel, files: string[]): DemoSummary {
  const lastYear = Math.max(...model.population.map((r) => r.jaar));
  return {
    gemeenteCode: model.gemeente.code,
    gemeenteName: model.gemeente.name,
    inhabitants: model.population.filter((r) => r.jaar === lastYear).reduce((s, r) => s + r.inwoners, 0),
    wijken: model.wijken.length,
    aanbieders: new Set(model.contracts.map((c) => c.agb)).size,
    messages: model.messages.length,
    files,
  };
}

/**
 * Generates the demo and writes it to `outDir` (created when missing). An existing
 * `outDir/berichten` folder is removed first so that no messages of an earlier run remain.
 */
export async function writeDemo(outDir: string, opts: DemoOptions = {}, onProgress?: ProgressCallback): Promise<DemoSummary> {
  onProgress?.(0, 1, 'generate');
  const model = generateDemo(opts);
  onProgress?.(1, 1, 'generate');

  fs.mkdirSync(outDir, { recursive: true });
  fs.rmSync(path.join(outDir, 'berichten'), { recursive: true, force: true });
  const total = REFERENCE_FILES.length + model.messages.length;
  const files: string[] = [];
  const madeDirs = new Set<string>();
  let done = 0;
  for (const file of renderDemoFiles(model)) {
    const target = path.join(outDir, ...file.path.split('/'));
    const dir = path.dirname(target);
    if (!madeDirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    }
    fs.writeFileSync(target, file.content);
    files.push(file.path);
    done++;
    if (done % 1000 === 0) {
      onProgress?.(done, total, 'write');
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  onProgress?.(done, total, 'write');
  return summarize(model, files);
}

/** Relative paths of the message files below `outDir/berichten`, sorted. */
export function listDemoMessageFiles(outDir: string): string[] {
  const root = path.join(outDir, 'berichten');
  if (!fs.existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), childRel);
      else if (entry.isFile() && entry.name.endsWith('.xml')) out.push(`berichten/${childRel}`);
    }
  };
  walk(root, '');
  return out.sort();
}
