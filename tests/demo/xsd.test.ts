/**
 * Every generated message must validate against the official iWmo/iJw 3.2 XSD of its type
 * (read from ../shared/data, never copied into the project).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XmlDocument, XsdValidator, XmlValidateError } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, listDemoMessageFiles, renderDemoFiles, writeDemo, type DemoSummary } from '../../src/demo/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sharedData = path.join(path.resolve(repoRoot, '../shared'), 'data');

const validators = new Map<string, XsdValidator>();

function validatorFor(type: string): XsdValidator {
  let v = validators.get(type);
  if (!v) {
    const folder = type.startsWith('WMO') ? 'istandaarden-iwmo-3.2' : 'istandaarden-ijw-3.2';
    const xsdPath = path.join(sharedData, folder, 'xsd', `${type}.xsd`);
    v = XsdValidator.fromDoc(XmlDocument.fromBuffer(fs.readFileSync(xsdPath), { url: xsdPath }));
    validators.set(type, v);
  }
  return v;
}

function messageType(rel: string): string | undefined {
  return /\/((?:WMO|JW)3(?:0[157]|1[579]|2[35]))_\d+_\d{12}\.xml$/.exec(rel)?.[1];
}

/** Validates one message; pushes "file:line: message" for each problem. */
function validateOne(rel: string, content: Buffer, failures: string[]): void {
  const type = messageType(rel);
  if (!type) {
    failures.push(`${rel}: unexpected message file name`);
    return;
  }
  let doc: XmlDocument | null = null;
  try {
    doc = XmlDocument.fromBuffer(content);
    validatorFor(type).validate(doc);
  } catch (e) {
    if (e instanceof XmlValidateError) for (const d of e.details) failures.push(`${rel}:${d.line}: ${d.message.trim()}`);
    else failures.push(`${rel}: ${String(e)}`);
  } finally {
    doc?.dispose();
  }
}

describe('demo messages validate against the official XSDs', () => {
  const dirs: string[] = [];

  beforeAll(() => {
    xmlRegisterFsInputProviders();
  });

  afterAll(() => {
    for (const v of validators.values()) v.dispose();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('every message file written at scale 0.1', async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-demo-xsd-'));
    dirs.push(outDir);
    const summary: DemoSummary = await writeDemo(outDir, { scale: 0.1 });
    const files = listDemoMessageFiles(outDir);
    expect(files).toEqual(summary.files.filter((f) => f.startsWith('berichten/')).sort());
    expect(files.length).toBe(summary.messages);
    const failures: string[] = [];
    for (const rel of files) validateOne(rel, fs.readFileSync(path.join(outDir, rel)), failures);
    expect(failures.slice(0, 25), `${failures.length} XSD problems`).toEqual([]);
  }, 120_000);

  it('every message at scale 1 (rendered in memory)', () => {
    const model = generateDemo({ scale: 1 });
    const failures: string[] = [];
    let checked = 0;
    for (const file of renderDemoFiles(model)) {
      if (!file.path.startsWith('berichten/')) continue;
      validateOne(file.path, Buffer.from(file.content, 'utf8'), failures);
      checked++;
    }
    expect(checked).toBe(model.messages.length);
    expect(checked).toBeGreaterThan(50_000);
    expect(failures.slice(0, 25), `${failures.length} XSD problems`).toEqual([]);
  }, 180_000);
});
