// The encodings an opened text file may be read in, as the browser's TextDecoder names them. Its
// "shift_jis" is CP932 and its "euc-kr" is CP949, the code pages Windows Excel writes. Kept apart
// from the detector so the bulk page can label its select without loading it.

export const ENCODINGS = [
  { id: "utf-8", label: "UTF-8" },
  { id: "utf-16le", label: "UTF-16LE" },
  { id: "utf-16be", label: "UTF-16BE" },
  { id: "shift_jis", label: "Shift_JIS (CP932)" },
  { id: "euc-jp", label: "EUC-JP" },
  { id: "euc-kr", label: "EUC-KR (CP949)" },
] as const;

export type EncodingId = (typeof ENCODINGS)[number]["id"];

export function encodingLabel(id: EncodingId): string {
  return ENCODINGS.find((e) => e.id === id)?.label ?? id;
}

export function isEncodingId(value: string): value is EncodingId {
  return ENCODINGS.some((e) => e.id === value);
}
