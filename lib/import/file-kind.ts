// What an opened file is, from its first bytes before its name: an .xlsx is a zip (a workbook
// renamed or saved without its extension still opens); an old binary .xls (an OLE compound file)
// cannot be read as text and is named, not decoded into noise; anything else is text.

export type FileKind = "xlsx" | "xls" | "text";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  magic.every((b, i) => bytes[i] === b);

export function fileKind(name: string, bytes: Uint8Array): FileKind {
  if (startsWith(bytes, ZIP) || /\.xlsx$/i.test(name)) return "xlsx";
  if (startsWith(bytes, OLE)) return "xls";
  return "text";
}
