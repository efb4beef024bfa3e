// Test fixtures in legacy encodings without an encoder library: the table is the browser's (and
// Node's) own TextDecoder run backwards over every one- and two-byte sequence, so a fixture is
// exactly what that decoder reads back. Enough for names; JIS X 0212 (3-byte EUC-JP) is left out.

export type LegacyLabel = "shift_jis" | "euc-jp" | "euc-kr";

const tables = new Map<LegacyLabel, Map<string, number[]>>();

function table(label: LegacyLabel): Map<string, number[]> {
  const known = tables.get(label);
  if (known) return known;
  const decoder = new TextDecoder(label, { fatal: true });
  const map = new Map<string, number[]>();
  const add = (bytes: number[]) => {
    let text: string;
    try {
      text = decoder.decode(Uint8Array.from(bytes));
    } catch {
      return;
    }
    // One character, first spelling wins (CP932 has a few duplicates; names never need them).
    if ([...text].length === 1 && !map.has(text)) map.set(text, bytes);
  };
  for (let b = 0; b < 0x100; b++) add([b]);
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) add([lead, trail]);
  tables.set(label, map);
  return map;
}

/** `text` in a legacy encoding; throws on a character the encoding cannot hold. */
export function encodeLegacy(text: string, label: LegacyLabel): Uint8Array {
  const map = table(label);
  const out: number[] = [];
  for (const ch of text) {
    const bytes = map.get(ch);
    if (!bytes) throw new Error(`${label} cannot encode ${JSON.stringify(ch)}`);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}

/** `text` in UTF-16 (little or big endian), with or without its byte order mark. */
export function encodeUtf16(text: string, endian: "le" | "be", bom = true): Uint8Array {
  const units = bom ? [0xfeff] : [];
  for (let i = 0; i < text.length; i++) units.push(text.charCodeAt(i));
  const out = new Uint8Array(units.length * 2);
  units.forEach((u, i) => {
    const [hi, lo] = [u >> 8, u & 0xff];
    out[i * 2] = endian === "le" ? lo : hi;
    out[i * 2 + 1] = endian === "le" ? hi : lo;
  });
  return out;
}
