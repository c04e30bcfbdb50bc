import { stringify } from "csv-stringify/sync";
import { downloadResponse } from "@/lib/core/http/download";

// Spreadsheets run a cell as a formula when its text starts with = + - or @ (and Excel also after
// leading spaces, and for the full-width forms ＝ ＋ － ＠ that it folds to ASCII). A tab or carriage
// return at the start is read as a cell break by some importers. Every CSV Proofline writes passes its
// text cells through here: such a cell gets a leading apostrophe, which spreadsheets show as text and
// which a human reader recognises. The pattern is anchored with one quantifier: linear in the cell length.
const FORMULA_START = /^[\s\u3000\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Line ends of every CSV we write (RFC 4180). */
export const CSV_RECORD_DELIMITER = "\r\n";

export type CsvCell = string | number | boolean | Date | null | undefined;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * RFC 4180 CSV with a header row, CRLF line ends and every date as ISO 8601 UTC: the same rows always
 * give the same bytes (the packet's CSVs are hashed). Cells that a spreadsheet would run as a formula
 * get a leading apostrophe (neutraliseCell above).
 */
export function toCsv(header: string[] | null, rows: CsvCell[][]): string {
  const body = rows.map((r) => r.map((v) => (typeof v === "number" ? String(v) : neutraliseCell(cell(v)))));
  return stringify(header ? [header, ...body] : body, { record_delimiter: CSV_RECORD_DELIMITER });
}

/** A CSV download: the text or a stream of it. */
export function csvResponse(body: string | ReadableStream<Uint8Array>, filename: string): Response {
  return downloadResponse(body, { filename, contentType: "text/csv; charset=utf-8" });
}
