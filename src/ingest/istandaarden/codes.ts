/** Message kinds of iWmo/iJw 3.2 (facts from berichtcodes-en-namespaces.csv). */
export type Standard = 'iwmo' | 'ijw';
export type MessageType = '301' | '302' | '305' | '306' | '307' | '308' | '315' | '316' | '317' | '318' | '319' | '320' | '323' | '325';

export const BERICHTCODE: Record<Standard, Record<MessageType, number>> = {
  iwmo: { '301': 414, '302': 415, '305': 418, '306': 419, '307': 420, '308': 421, '315': 444, '316': 445, '317': 480, '318': 481, '319': 482, '320': 483, '323': 484, '325': 485 },
  ijw: { '301': 436, '302': 437, '305': 438, '306': 439, '307': 440, '308': 441, '315': 446, '316': 447, '317': 486, '318': 487, '319': 488, '320': 489, '323': 490, '325': 491 },
};

export const LAW_OF: Record<Standard, 'wmo' | 'jeugd'> = { iwmo: 'wmo', ijw: 'jeugd' };
export const PREFIX_OF: Record<Standard, string> = { iwmo: 'WMO', ijw: 'JW' };

/** Message types this release of Koers applies to the trajectory store. */
export const SUPPORTED_TYPES: readonly MessageType[] = ['301', '305', '307'];

export interface NamespaceInfo { standard: Standard; release: string; type: string }

/** Recognises http://www.istandaarden.nl/{iwmo|ijw}/{major}_{minor}/{wmo|jw}{nnn}/schema. */
export function parseNamespace(uri: string): NamespaceInfo | null {
  const m = /^http:\/\/www\.istandaarden\.nl\/(iwmo|ijw)\/(\d+)_(\d+)\/(wmo|jw)(\d{3})\/schema$/.exec(uri);
  if (!m) return null;
  return { standard: m[1] as Standard, release: `${m[2]}.${m[3]}`, type: m[5]! };
}

export const SUPPORTED_RELEASE = '3.2';
