import { toCsv } from "@/lib/core/http/csv";
import type { RequestCtx } from "@/lib/auth/actor";
import { mappingMatrix, type Matrix } from "@/lib/controls/mapping-matrix";

export interface ExportControlsCsvOptions {
  ctx: RequestCtx;
  includeArchived?: boolean;
}

/** The control library with its mappings as CSV: one row per control, one column per framework. */
export async function exportControlsCsv({ ctx, includeArchived = true }: ExportControlsCsvOptions): Promise<string> {
  return controlsCsv(await mappingMatrix({ ctx, includeArchived }));
}

/** Pure: the CSV text for a matrix. Requirement ids within a cell are separated by "; ". */
export function controlsCsv(matrix: Matrix): string {
  const header = [
    "key",
    "family",
    "title",
    "frequency",
    "owner",
    "status",
    "expected_evidence",
    ...matrix.frameworks.map((f) => f.key),
    "description",
  ];
  const rows = matrix.rows.map((r) => [
    r.key,
    r.family,
    r.title,
    r.frequency,
    r.owner ?? "",
    r.archived ? "archived" : "active",
    r.expectations.map((e) => `${e.kind} (${e.freshnessDays} days)`).join("; "),
    ...matrix.frameworks.map((f) => (r.cells[f.key] ?? []).join("; ")),
    r.description,
  ]);
  return toCsv(header, rows);
}
