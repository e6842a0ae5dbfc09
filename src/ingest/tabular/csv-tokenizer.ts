/**
 * A streaming CSV tokenizer: text chunks in, records out. It reads what csv-parse read here before
 * (options delimiter, relax_column_count, relax_quotes, skip_empty_lines, bom, from_line) with
 * the same values and line numbers, about five times faster: a line without a double quote is cut
 * with indexOf/split, only lines with quotes go through the character-level path.
 *
 * Rules: records end at \n, \r\n or (when the first line break of the file is a lone \r) \r; a
 * field that starts with " is quoted (it may hold the delimiter and line breaks, "" is a quote);
 * a quote elsewhere is an ordinary character, and a quoted field followed by something other than
 * the delimiter or the end of the record continues as ordinary text, quotes included ("x"y → "x"y);
 * empty lines are skipped; a record's line is the line where it ends.
 */
import { InputError } from '../errors.js';

export interface CsvRecord { line: number; cells: string[] }

export class CsvTokenizer {
  private buf = '';
  /** Lines fully consumed before `buf`. */
  private lines = 0;
  private mode: 'lf' | 'cr' | null = null;
  private bomChecked = false;

  /** `skipLines`: physical lines before the header row (from_line - 1). */
  constructor(private readonly delimiter: string, private skipLines = 0) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') throw new Error('bad delimiter');
  }

  /** Adds a chunk of text and returns the records completed by it; `final` at the end of the input. */
  push(chunk: string, final = false): CsvRecord[] {
    let text = this.buf + chunk;
    if (!this.bomChecked && text.length) {
      this.bomChecked = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.mode === null) {
      const at = text.search(/[\r\n]/);
      if (at === -1 || (text[at] === '\r' && at === text.length - 1 && !final)) {
        if (!final) { this.buf = text; return []; }
      }
      this.mode = at >= 0 && text[at] === '\r' && text[at + 1] !== '\n' ? 'cr' : 'lf';
    }
    if (this.mode === 'cr') text = text.replace(/\r/g, '\n');
    const out: CsvRecord[] = [];
    const len = text.length;
    const d = this.delimiter;
    let pos = 0;
    while (this.skipLines > 0 && pos < len) {
      const nl = text.indexOf('\n', pos);
      if (nl === -1) { if (!final) break; pos = len; break; }
      pos = nl + 1;
      this.lines++;
      this.skipLines--;
    }
    if (this.skipLines > 0 && !final) { this.buf = text.slice(pos); return out; }
    let q = -2; // the next quote at or after pos (-1: none); searched again only when passed
    while (pos < len) {
      const nl = text.indexOf('\n', pos);
      if (nl === -1 && !final) break;
      const end = nl === -1 ? len : nl;
      if (q !== -1 && q < pos) q = text.indexOf('"', pos);
      if (q === -1 || q >= end) {
        // Fast path: a line without quotes.
        this.lines++;
        let lineEnd = end;
        if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
        if (lineEnd > pos) out.push({ line: this.lines, cells: text.slice(pos, lineEnd).split(d) });
        pos = end + 1;
        continue;
      }
      const r = this.quoted(text, pos, final);
      if (!r) break;
      this.lines += r.newlines;
      // Old Mac files (lone \r): line breaks inside quoted values are given back as \r.
      out.push({ line: this.lines, cells: this.mode === 'cr' ? r.cells.map((c) => c.replace(/\n/g, '\r')) : r.cells });
      pos = r.next;
    }
    this.buf = pos >= len ? '' : text.slice(pos);
    if (final && this.buf) throw new Error('CSV tokenizer: input left after the end'); // cannot happen
    return out;
  }

  /**
   * One record from `start` that has a quote somewhere: the cells, the position after it and the
   * line breaks it consumed (its own included); null when the input ends before the record does.
   */
  private quoted(text: string, start: number, final: boolean): { cells: string[]; next: number; newlines: number } | null {
    const d = this.delimiter;
    const len = text.length;
    const cells: string[] = [];
    let newlines = 0;
    let i = start;
    const countNl = (from: number, to: number) => { let n = 0; for (let k = text.indexOf('\n', from); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) n++; return n; };
    /** Reads an unquoted field (or the rest of a relaxed one) from `from`; returns its end. */
    const plainEnd = (from: number): number => {
      const a = text.indexOf(d, from);
      const b = text.indexOf('\n', from);
      return a === -1 ? (b === -1 ? len : b) : b === -1 ? a : Math.min(a, b);
    };
    for (;;) {
      let value: string;
      let stop: number; // position of the delimiter, the line break or the end
      let plain = true; // ordinary text (a \r before the line break is not part of it)
      if (text.charCodeAt(i) === 34) {
        let content = '';
        let j = i + 1;
        for (;;) {
          const k = text.indexOf('"', j);
          if (k === -1) {
            if (!final) return null;
            throw new InputError('CSV kan niet gelezen worden: een aanhalingsteken (") wordt niet gesloten', `regel ${this.lines + 1}`);
          }
          content += text.slice(j, k);
          if (k + 1 >= len && !final) return null; // cannot tell yet whether "" follows
          const next = text.charCodeAt(k + 1);
          if (next === 34) { content += '"'; j = k + 2; continue; }
          if (k + 1 >= len || text[k + 1] === d || next === 10 || (next === 13 && (k + 2 >= len || text.charCodeAt(k + 2) === 10))) {
            if (next === 13 && k + 2 >= len && !final) return null;
            newlines += countNl(i, k);
            value = content;
            plain = false;
            stop = next === 13 ? k + 2 : k + 1;
            if (next === 13 && k + 2 >= len) stop = len;
            break;
          }
          // A closing quote followed by other text: the field is ordinary text, quotes included.
          newlines += countNl(i, k);
          const e = plainEnd(k + 1);
          if (e === len && !final) return null;
          value = `"${content}"${text.slice(k + 1, e)}`;
          stop = e;
          break;
        }
      } else {
        const e = plainEnd(i);
        if (e === len && !final) return null;
        value = text.slice(i, e);
        stop = e;
      }
      if (stop < len && text[stop] === d) {
        cells.push(value);
        i = stop + 1;
        continue;
      }
      // End of the record (line break or end of input); drop the \r of a \r\n.
      if (plain && value.endsWith('\r')) value = value.slice(0, -1);
      cells.push(value);
      return { cells, next: stop + 1, newlines: newlines + 1 };
    }
  }
}
