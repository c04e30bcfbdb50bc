// The checks a document passes before it is parsed: size, not binary, valid UTF-8. Each failure says
// what was wrong in one sentence; nothing has been written when they are thrown.
import { createHash } from "node:crypto";

export const DEFAULT_MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Wall-clock time one document may take to parse on its worker thread (lib/import/parse-off-thread.ts). */
export const DEFAULT_PARSE_BUDGET_MS = 30_000;

export type ImportRefusalCode =
  "too-large" | "empty" | "binary" | "invalid-utf8" | "no-structure" | "unknown-format" | "too-complex";

export class ImportRefusal extends Error {
  constructor(
    readonly code: ImportRefusalCode,
    message: string,
  ) {
    super(message);
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, "")} KB`;
  return `${n} bytes`;
}

/** Signatures of common binary formats people upload by mistake. */
const MAGIC: Array<[string, number[]]> = [
  ["a PDF", [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ["a ZIP archive (or a Word/Excel file)", [0x50, 0x4b, 0x03, 0x04]],
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["a gzip archive", [0x1f, 0x8b]],
  ["an old Word/Excel file", [0xd0, 0xcf, 0x11, 0xe0]],
  ["an executable", [0x7f, 0x45, 0x4c, 0x46]],
];

export interface CheckedInput {
  text: string;
  sha256: string;
  byteSize: number;
}

/**
 * Refuses what cannot be a text document and decodes the rest. Accepts a UTF-8 byte order mark
 * (dropped). Line endings are left alone here; the parsers normalise them.
 */
export function checkInput(
  bytes: Uint8Array,
  { maxBytes = DEFAULT_MAX_IMPORT_BYTES, name = "The document" } = {},
): CheckedInput {
  if (bytes.byteLength > maxBytes) {
    throw new ImportRefusal(
      "too-large",
      `${name} is ${formatBytes(bytes.byteLength)}; the limit is ${formatBytes(maxBytes)}. Split it or import the part that holds the backlog.`,
    );
  }
  if (bytes.byteLength === 0) throw new ImportRefusal("empty", `${name} is empty.`);
  for (const [kind, sig] of MAGIC) {
    if (sig.every((b, i) => bytes[i] === b)) {
      throw new ImportRefusal(
        "binary",
        `${name} looks like ${kind}, not a text document. Export it as Markdown, reStructuredText or plain text first.`,
      );
    }
  }
  const probe = bytes.subarray(0, Math.min(bytes.byteLength, 64 * 1024));
  let controls = 0;
  for (let i = 0; i < probe.length; i++) {
    const b = probe[i];
    if (b === 0) {
      throw new ImportRefusal(
        "binary",
        `${name} contains NUL bytes (the first at byte ${i + 1}), so it is a binary file, not a text document.`,
      );
    }
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  if (controls > Math.max(8, probe.length / 100)) {
    throw new ImportRefusal(
      "binary",
      `${name} has ${controls} control characters in its first ${formatBytes(probe.length)}, so it is a binary file, not a text document.`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new ImportRefusal(
      "invalid-utf8",
      `${name} is not valid UTF-8 (the first bad byte is at offset ${at}, line ${lineAt(bytes, at)}). Save it as UTF-8 and import it again.`,
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, sha256: createHash("sha256").update(bytes).digest("hex"), byteSize: bytes.byteLength };
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
