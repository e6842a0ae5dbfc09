import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/ingest/errors.js';
import { CsvTokenizer } from '../../src/ingest/tabular/csv-tokenizer.js';

/** Tokenizes `text` fed in pieces cut at `cuts`. */
function tokenize(text: string, delimiter: string, cuts: number[] = [], skipLines = 0) {
  const tok = new CsvTokenizer(delimiter, skipLines);
  const out: [number, string[]][] = [];
  let prev = 0;
  for (const c of [...new Set(cuts)].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b)) {
    out.push(...tok.push(text.slice(prev, c)).map((r): [number, string[]] => [r.line, r.cells]));
    prev = c;
  }
  out.push(...tok.push(text.slice(prev), true).map((r): [number, string[]] => [r.line, r.cells]));
  return out;
}

/** What csv-parse made of it with the options the reader used before (the reference). */
function reference(text: string, delimiter: string): [number, string[]][] {
  return (parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, bom: true }) as unknown as { info: { lines: number }; record: string[] }[])
    .map((r) => [r.info.lines, r.record]);
}

const outcome = (f: () => unknown) => { try { return f(); } catch (e) { return e instanceof InputError || (e as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED' ? 'unclosed quote' : String(e); } };

describe('CSV tokenizer', () => {
  it('reads what csv-parse read: quotes, delimiters and line breaks in values, relaxed quotes, empty lines, BOM', () => {
    const text = '\uFEFFa;b;c\n1;"x;y";3\n\n;;\n"multi\nline";"say ""hi""";\nx"y;"q"z;"a"\n';
    expect(tokenize(text, ';')).toEqual(reference(text, ';'));
    expect(tokenize(text, ';')).toEqual([[1, ['a', 'b', 'c']], [2, ['1', 'x;y', '3']], [4, ['', '', '']], [6, ['multi\nline', 'say "hi"', '']], [7, ['x"y', '"q"z', 'a']]]);
  });

  it('gives the same records and line numbers as csv-parse for any text, however it is cut into chunks (LF, CRLF, CR)', () => {
    const chars = fc.constantFrom('a', 'b', ';', ',', '"', 'NL', ' ', 'é');
    for (const nl of ['\n', '\r\n', '\r']) {
      fc.assert(fc.property(fc.array(chars, { maxLength: 40 }), fc.array(fc.nat(45), { maxLength: 4 }), fc.constantFrom(';', ','), (parts, cuts, d) => {
        const text = parts.map((p) => (p === 'NL' ? nl : p)).join('');
        const mine = outcome(() => tokenize(text, d, cuts)) as [number, string[]][] | string;
        const theirs = outcome(() => reference(text, d)) as [number, string[]][] | string;
        // csv-parse counts a \r\n inside a quoted value as two lines; we count physical lines.
        if (nl === '\r\n' && Array.isArray(mine) && Array.isArray(theirs)) expect(mine.map((r) => r[1])).toEqual(theirs.map((r) => r[1]));
        else expect(mine).toEqual(theirs);
      }), { numRuns: 1500 });
    }
  });

  it('skips the lines before a later header row and counts them', () => {
    expect(tokenize('Export uit systeem "X"\nDatum: 1-1-2025\nbsn;regeling\n999900006;bijstand\n', ';', [5, 30], 2)).toEqual([[3, ['bsn', 'regeling']], [4, ['999900006', 'bijstand']]]);
  });

  it('refuses a quote that is never closed, naming the line where the value starts', () => {
    const tok = new CsvTokenizer(',');
    tok.push('a,b\n1,2\n"3,4\n');
    let err: unknown;
    try { tok.push('5,6\n', true); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    expect(err).toMatchObject({ reason: expect.stringMatching(/aanhalingsteken/), location: 'regel 3' });
  });
});
