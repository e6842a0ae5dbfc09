import type { InputFile } from '../../src/ingest/inputs.js';

/** A tiny gemeente (9001, two wijken) as reference files in Koers' own formats. */
export const square = (x: number, y: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] });
export const WIJKEN_GEOJSON = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { wijkcode: 'WK900100', wijknaam: 'Noord', gemeentecode: 'GM9001' }, geometry: square(5.4, 52.0) },
    { type: 'Feature', properties: { wijkcode: 'WK900101', wijknaam: 'Zuid', gemeentecode: 'GM9001' }, geometry: square(5.4, 51.99) },
  ],
});
export const POSTCODES_CSV = 'gemeente,postcode,wijk\n9001,9001AA,WK900100\n9001,9001BB,WK900101\n';
/** 2024: Noord 600, Zuid 400 inhabitants (as 300 M + 300 V aged 70, etc.). 2025 the same. */
export const BEVOLKING_CSV = ['jaar,gemeente,wijk,leeftijd,geslacht,inwoners',
  ...[2024, 2025].flatMap((y) => [`${y},9001,WK900100,70,M,300`, `${y},9001,WK900100,70,V,300`, `${y},9001,WK900101,10,M,200`, `${y},9001,WK900101,10,V,200`])].join('\n') + '\n';

export const file = (name: string, content: string | Buffer): InputFile => ({ name, read: async () => (typeof content === 'string' ? Buffer.from(content) : content) });
export const referenceFiles = () => [file('wijken.geojson', WIJKEN_GEOJSON), file('postcodes.csv', POSTCODES_CSV), file('bevolking.csv', BEVOLKING_CSV)];
