import { XmlDocument, XmlElement, XmlError, XsdValidator, XmlValidateError } from 'libxml2-wasm';
import { XmlNamedNodeStruct, XmlNodeStruct, XmlNsStruct, XmlTreeCommonStruct, xmlNodeGetContent } from 'libxml2-wasm/lib/libxml2.mjs';
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
  // A monthly 323 of a large aanbieder runs to about 17 500 elements per MB (12 000 prestaties in
  // 11.6 MB = 204 000 elements), so the bound follows maxBytes: 1 M elements covers a 20 MB file of
  // real declarations and still caps the parsed tree's memory.
  maxElements: 1_000_000,
};

let fsProvidersRegistered = false;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The checks every input passes before any XML parser sees it: not empty, not too big, valid
 * UTF-8, no other declared encoding, and no DOCTYPE or ENTITY declaration (so no external entities
 * and no entity expansion). Returns the decoded text. Throws InputError with a line number.
 */
export function preflightXml(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new InputError('het bestand is leeg (0 bytes)');
  if (bytes.length > XML_LIMITS.maxBytes) throw new InputError(`het bestand is groter dan ${XML_LIMITS.maxBytes / 1024 / 1024} MB`);
  let text: string;
  try {
    text = utf8.decode(bytes);
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
  return text;
}

/** The root element as found by a cheap scan of the text: local name, namespace URI, line. */
export interface RootInfo { name: string; ns: string; line: number }

/**
 * Finds the root element's local name and namespace without parsing the document: skips the XML
 * declaration, processing instructions, comments and white space, then reads the first start tag
 * and its xmlns declarations. Returns null when the text does not start like an XML document
 * (the real parser then reports why). Used to pick the XSD before the single real parse.
 */
export function sniffRoot(text: string): RootInfo | null {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  for (;;) {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
    if (text.startsWith('<?', i)) { const e = text.indexOf('?>', i + 2); if (e < 0) return null; i = e + 2; continue; }
    if (text.startsWith('<!--', i)) { const e = text.indexOf('-->', i + 4); if (e < 0) return null; i = e + 3; continue; }
    break;
  }
  if (text[i] !== '<') return null;
  const tagStart = i;
  const nameMatch = /^<([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)/.exec(text.slice(i, i + 300));
  if (!nameMatch) return null;
  const qname = nameMatch[1]!;
  i += nameMatch[0].length;
  const ns = new Map<string, string>();
  const attr = /\s+([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)\s*=\s*("([^"]*)"|'([^']*)')/y;
  for (;;) {
    attr.lastIndex = i;
    const m = attr.exec(text);
    if (!m) break;
    const name = m[1]!;
    const value = m[3] ?? m[4] ?? '';
    if (name === 'xmlns') ns.set('', value);
    else if (name.startsWith('xmlns:')) ns.set(name.slice(6), value);
    i = attr.lastIndex;
  }
  while (i < n && /\s/.test(text[i]!)) i++;
  if (text[i] !== '>' && !text.startsWith('/>', i)) return null;
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  let line = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < tagStart; k = text.indexOf('\n', k + 1)) line++;
  return { name: colon < 0 ? qname : qname.slice(colon + 1), ns: ns.get(prefix) ?? '', line };
}

/**
 * Parses XML bytes safely (see preflightXml) with libxml2, optionally validating against an XSD,
 * and returns a light copy of the element tree. Throws InputError with a line number.
 */
export function parseXml(bytes: Uint8Array, validator?: XsdValidator | null): Node {
  preflightXml(bytes);
  return parseChecked(bytes, validator);
}

/** parseXml for bytes that already passed preflightXml (one parse, one validation). */
export function parseChecked(bytes: Uint8Array, validator?: XsdValidator | null): Node {
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromBuffer(bytes);
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
    const rootPtr = (doc.root as unknown as { _nodePtr?: unknown })._nodePtr;
    return typeof rootPtr === 'number' && rawAccess ? copyRaw(rootPtr) : copyTree(doc.root);
  } finally {
    doc.dispose();
  }
}

function tooDeep(line: number): InputError { return new InputError(`de XML is dieper genest dan ${XML_LIMITS.maxDepth} niveaus`, `regel ${line}`); }
function tooMany(): InputError { return new InputError(`meer dan ${XML_LIMITS.maxElements} elementen`); }

/** The light copy through libxml2-wasm's public node wrappers (one wrapper object per node). */
function copyTree(root: XmlElement): Node {
  let count = 0;
  const copy = (el: XmlElement, depth: number): Node => {
    if (depth > XML_LIMITS.maxDepth) throw tooDeep(el.line);
    if (++count > XML_LIMITS.maxElements) throw tooMany();
    const children: Node[] = [];
    for (let c = el.firstChild; c; c = c.next) if (c instanceof XmlElement) children.push(copy(c, depth + 1));
    return { name: el.name, ns: el.namespaceUri, line: el.line, text: children.length ? '' : el.content.trim(), children };
  };
  return copy(root, 0);
}

const ELEMENT_NODE = 1;
/** Whether the struct accessors libxml2-wasm uses internally are there (they are in 0.7.x). */
const rawAccess = [XmlTreeCommonStruct?.children, XmlTreeCommonStruct?.next, XmlTreeCommonStruct?.type, XmlTreeCommonStruct?.name_, XmlNamedNodeStruct?.namespace,
  XmlNodeStruct?.line, XmlNsStruct?.href, xmlNodeGetContent].every((f) => typeof f === 'function');

/**
 * The same copy, read straight from libxml2's node structs (the accessors libxml2-wasm itself
 * uses): about four times faster than creating a wrapper object for every node, text nodes included.
 */
function copyRaw(rootPtr: number): Node {
  const T = XmlTreeCommonStruct;
  const nsCache = new Map<number, string>();
  let count = 0;
  const copy = (ptr: number, depth: number): Node => {
    const line = XmlNodeStruct.line(ptr);
    if (depth > XML_LIMITS.maxDepth) throw tooDeep(line);
    if (++count > XML_LIMITS.maxElements) throw tooMany();
    const children: Node[] = [];
    for (let c = T.children(ptr); c; c = T.next(c)) if (T.type(c) === ELEMENT_NODE) children.push(copy(c, depth + 1));
    const nsPtr = XmlNamedNodeStruct.namespace(ptr);
    let ns = '';
    if (nsPtr) {
      const known = nsCache.get(nsPtr);
      if (known !== undefined) ns = known;
      else nsCache.set(nsPtr, (ns = XmlNsStruct.href(nsPtr)));
    }
    return { name: T.name_(ptr), ns, line, text: children.length ? '' : xmlNodeGetContent(ptr).trim(), children };
  };
  return copy(rootPtr, 0);
}

/** Loads and caches XSD validators from a folder laid out like the official distribution. */
export class XsdCatalog {
  private readonly cache = new Map<string, XsdValidator | null>();
  constructor(readonly dir: string) {
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

  /**
   * The StUF GGk envelope schema (ggk0310_msg.xsd, found anywhere below the folder), or null when
   * the folder does not hold it. Throws when the file is there but libxml2 cannot load it.
   */
  envelopeValidator(): XsdValidator | null {
    const key = 'stuf/ggk0310_msg';
    if (this.cache.has(key)) return this.cache.get(key)!;
    const file = this.find('ggk', 'ggk0310_msg.xsd');
    let validator: XsdValidator | null = null;
    if (file) validator = XsdValidator.fromDoc(XmlDocument.fromBuffer(fs.readFileSync(file), { url: file }));
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
