import { XmlDocument, XmlElement, XmlError, XsdValidator, XmlValidateError } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';

/** A light, read-only copy of an element tree (local names only), with source line numbers. */
export interface Node {
  name: string;
  ns: string;
  line: number;
  text: string;
  children: Node[];
}

export const XML_LIMITS = {
  maxBytes: 20 * 1024 * 1024,
  maxDepth: 32,
  maxElements: 200_000,
};

let fsProvidersRegistered = false;

/**
 * Parses XML bytes safely: UTF-8 only, no DOCTYPE (so no external entities and no entity
 * expansion), limits on size, depth and element count. Throws InputError with a line number.
 */
export function parseXml(bytes: Uint8Array, validator?: XsdValidator | null): Node {
  if (bytes.length === 0) throw new InputError('het bestand is leeg (0 bytes)');
  if (bytes.length > XML_LIMITS.maxBytes) throw new InputError(`het bestand is groter dan ${XML_LIMITS.maxBytes / 1024 / 1024} MB`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('het bestand is geen geldige UTF-8-tekst (verkeerde tekenset)');
  }
  const decl = /^\uFEFF?<\?xml[^>]*encoding=["']([^"']+)["']/i.exec(text);
  if (decl && !/^utf-?8$/i.test(decl[1]!)) throw new InputError(`tekenset "${decl[1]}" wordt niet ondersteund; iStandaarden-berichten zijn UTF-8`, 'regel 1');
  const doctype = /<!DOCTYPE|<!ENTITY/i.exec(text);
  if (doctype) {
    const line = text.slice(0, doctype.index).split('\n').length;
    throw new InputError('DOCTYPE- en ENTITY-declaraties zijn niet toegestaan (beveiliging tegen XXE en entity-bommen)', `regel ${line}`);
  }
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(text);
  } catch (err) {
    const detail = err instanceof XmlError ? (err as XmlError & { details?: { message: string; line: number }[] }).details?.[0] : undefined;
    const message = (detail?.message ?? (err as Error).message).trim();
    throw new InputError(`geen geldige XML: ${message}`, detail?.line ? `regel ${detail.line}` : null);
  }
  try {
    if (validator) {
      try {
        validator.validate(doc);
      } catch (err) {
        if (err instanceof XmlValidateError) {
          const d = err.details[0];
          throw new InputError(`voldoet niet aan het XSD: ${(d?.message ?? err.message).trim()}`, d ? `regel ${d.line}${d.xpath ? ` (${d.xpath})` : ''}` : null);
        }
        throw err;
      }
    }
    let count = 0;
    const copy = (el: XmlElement, depth: number): Node => {
      if (depth > XML_LIMITS.maxDepth) throw new InputError(`de XML is dieper genest dan ${XML_LIMITS.maxDepth} niveaus`, `regel ${el.line}`);
      if (++count > XML_LIMITS.maxElements) throw new InputError(`meer dan ${XML_LIMITS.maxElements} elementen`);
      const children: Node[] = [];
      let hasChildren = false;
      for (let c = el.firstChild; c; c = c.next) {
        if (c instanceof XmlElement) { hasChildren = true; children.push(copy(c, depth + 1)); }
      }
      return { name: el.name, ns: el.namespaceUri, line: el.line, text: hasChildren ? '' : el.content.trim(), children };
    };
    return copy(doc.root, 0);
  } finally {
    doc.dispose();
  }
}

/** Loads and caches XSD validators from a folder laid out like the official distribution. */
export class XsdCatalog {
  private readonly cache = new Map<string, XsdValidator | null>();
  constructor(private readonly dir: string) {
    if (!fsProvidersRegistered) { xmlRegisterFsInputProviders(); fsProvidersRegistered = true; }
  }

  /** e.g. validatorFor('iwmo', 'WMO301'): looks for WMO301.xsd anywhere below the folder. */
  validatorFor(standard: string, bericht: string): XsdValidator | null {
    const key = `${standard}/${bericht}`;
    if (this.cache.has(key)) return this.cache.get(key)!;
    const file = this.find(standard, `${bericht}.xsd`);
    let validator: XsdValidator | null = null;
    if (file) {
      const xsdDoc = XmlDocument.fromBuffer(fs.readFileSync(file), { url: file });
      // The schema document stays alive as long as its validator (cached for the process).
      validator = XsdValidator.fromDoc(xsdDoc);
    }
    this.cache.set(key, validator);
    return validator;
  }

  private find(standard: string, fileName: string): string | null {
    const stack = [this.dir];
    const candidates: string[] = [];
    while (stack.length) {
      const d = stack.pop()!;
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) stack.push(p);
        else if (e.name === fileName) candidates.push(p);
      }
    }
    // Prefer a path that names the standard (istandaarden-iwmo-3.2/xsd/WMO301.xsd).
    return candidates.find((c) => c.includes(standard)) ?? candidates[0] ?? null;
  }
}

/** Child lookup helpers on the light tree. */
export function child(node: Node, name: string): Node | undefined {
  return node.children.find((c) => c.name === name);
}
export function children(node: Node, name: string): Node[] {
  return node.children.filter((c) => c.name === name);
}
