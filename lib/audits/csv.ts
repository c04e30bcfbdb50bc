import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | boolean | Date | null | undefined;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * RFC 4180 CSV with a header row, CRLF line ends and every date as ISO 8601 UTC: the same rows always
 * give the same bytes (the packet's CSVs are hashed). Cells that a spreadsheet would run as a formula
 * get a leading apostrophe.
 */
export function toCsv(header: string[] | null, rows: CsvCell[][]): string {
  const safe = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
  const body = rows.map((r) => r.map((v) => (typeof v === "number" ? String(v) : safe(cell(v)))));
  return stringify(header ? [header, ...body] : body, { record_delimiter: "\r\n" });
}

export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    },
  });
}
