import { stringify } from "csv-stringify/sync";
import { CSV_RECORD_DELIMITER, neutraliseCell } from "@/lib/csv-cell";

export type CsvCell = string | number | boolean | Date | null | undefined;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * RFC 4180 CSV with a header row, CRLF line ends and every date as ISO 8601 UTC: the same rows always
 * give the same bytes (the packet's CSVs are hashed). Cells that a spreadsheet would run as a formula
 * get a leading apostrophe (lib/csv-cell.ts).
 */
export function toCsv(header: string[] | null, rows: CsvCell[][]): string {
  const body = rows.map((r) => r.map((v) => (typeof v === "number" ? String(v) : neutraliseCell(cell(v)))));
  return stringify(header ? [header, ...body] : body, { record_delimiter: CSV_RECORD_DELIMITER });
}

export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    },
  });
}
