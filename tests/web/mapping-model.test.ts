import { describe, expect, it } from 'vitest';
import { mappingSchema } from '../../src/ingest/tabular/index.js';
import { choiceOf, choiceValue, formatValueMap, missingColumns, parseValueMap, withChoice, withColumnOption, withConstant, withSettings } from '../../src/web/ui/pages/data-area/mapping-model.js';
import type { Mapping } from '../../src/web/server/routes/api-types.js';

/** The mapping editor's form state ↔ mapping JSON: every edit keeps a mapping the server accepts. */
describe('mapping editor model', () => {
  const start: Mapping = { source: 'postcodes', columns: {} };

  it('maps a target column to a file column, a constant, or nothing', () => {
    let m = withChoice(start, 'postcode', 'kolom:PC');
    expect(m.columns.postcode).toEqual({ column: 'PC' });
    expect(choiceValue(choiceOf(m.columns.postcode))).toBe('kolom:PC');
    m = withChoice(m, 'gemeente', 'vast');
    m = withConstant(m, 'gemeente', '9001');
    expect(m.columns.gemeente).toEqual({ constant: '9001' });
    expect(choiceValue(choiceOf(m.columns.gemeente))).toBe('vast');
    m = withChoice(m, 'gemeente', '');
    expect(m.columns).toEqual({ postcode: { column: 'PC' } });
    expect(mappingSchema.safeParse(m).success).toBe(true);
  });

  it('keeps value map and date format while the column changes, drops empty ones', () => {
    let m = withChoice(start, 'wijk', 'kolom:Wijk');
    m = withColumnOption(m, 'wijk', { map: parseValueMap('Noord = WK900100\n\n zuid=WK900101 \nkapot') });
    expect(m.columns.wijk).toEqual({ column: 'Wijk', map: { Noord: 'WK900100', zuid: 'WK900101' } });
    m = withChoice(m, 'wijk', 'kolom:Wijknaam');
    expect(m.columns.wijk).toEqual({ column: 'Wijknaam', map: { Noord: 'WK900100', zuid: 'WK900101' } });
    expect(formatValueMap((m.columns.wijk as { map: Record<string, string> }).map)).toBe('Noord = WK900100\nzuid = WK900101');
    m = withColumnOption(m, 'wijk', { map: {} });
    expect(m.columns.wijk).toEqual({ column: 'Wijknaam' });
    expect(mappingSchema.safeParse(m).success).toBe(true);
  });

  it('sets file-wide settings and leaves out empty ones', () => {
    let m = withSettings(start, { delimiter: ';', headerRow: 3, dateFormat: 'DD-MM-YYYY' });
    expect(m).toMatchObject({ delimiter: ';', headerRow: 3, dateFormat: 'DD-MM-YYYY' });
    m = withSettings(m, { delimiter: undefined, headerRow: undefined, dateFormat: '' });
    expect(m).toEqual(start);
  });

  it('names mapped columns that are not in the sample file', () => {
    const m = withChoice(withChoice(start, 'postcode', 'kolom:PC'), 'wijk', 'kolom:Wijk');
    expect(missingColumns(m, ['pc', 'Buurt'])).toEqual(['Wijk']);
  });
});
