// Shared by preview and apply: parse the upload, find the document it is a version of, read what the
// project holds that the document could touch, and plan the reconciliation.
import type { Db } from "@/lib/db";
import {
  ImportTooComplexError,
  InvalidInputError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from "@/lib/errors";
import { parseDocumentOffThread } from "@/lib/import/parse-off-thread";
import { ImportRefusal } from "@/lib/import/input";
import { importMaxBytes, importParseBudgetMs } from "@/lib/limits";
import { type ExistingItem, type ExistingRunbook, type ImportPlan, planImport } from "@/lib/import/plan-import";
import { slugKey } from "@/lib/import/runbooks";
import type { DocFormat, ParsedDocument, ParsedRunbookStep } from "@/lib/import/types";
import type { TImportMapping } from "@/lib/import/mapping";

export interface ImportInput {
  bytes: Uint8Array;
  filename?: string;
  format?: DocFormat;
  /** Import as a new version of this document (its key); by default the key comes from the file name or title. */
  documentKey?: string;
  maxBytes?: number;
  /** How long the parse may take (default IMPORT_PARSE_BUDGET_MS). */
  parseBudgetMs?: number;
  /** The reader's corrections (lib/import/mapping.ts): undefined uses the document's saved mapping, null none. */
  mapping?: TImportMapping | null;
}

/**
 * Parses on a worker thread within the time budget (the event loop never runs the parser), turning
 * the importer's refusals into the API's typed errors (413, 415, 422).
 */
export async function parseUpload(input: ImportInput): Promise<ParsedDocument> {
  try {
    return await parseDocumentOffThread(input.bytes, {
      filename: input.filename,
      format: input.format,
      mapping: input.mapping ?? null,
      maxBytes: input.maxBytes ?? importMaxBytes(),
      budgetMs: input.parseBudgetMs ?? importParseBudgetMs(),
    });
  } catch (err) {
    if (!(err instanceof ImportRefusal)) throw err;
    if (err.code === "too-large") throw new PayloadTooLargeError(err.message);
    if (err.code === "binary") throw new UnsupportedMediaTypeError(err.message);
    if (err.code === "too-complex") throw new ImportTooComplexError(err.message);
    throw new InvalidInputError(err.message, [{ path: "document", message: err.message }]);
  }
}

export function documentKeyFor(input: ImportInput, parsed: ParsedDocument): string {
  if (input.documentKey) return slugKey(input.documentKey);
  const base = input.filename?.replace(/^.*[\\/]/, "").replace(/\.[a-z0-9]+$/i, "");
  return slugKey(base || parsed.title || "pasted-document");
}

export async function loadPlan(
  db: Db,
  projectId: string,
  documentId: string | null,
  parsed: ParsedDocument,
): Promise<ImportPlan> {
  const keys = parsed.items.map((i) => i.key).filter((k): k is string => !!k);
  const rows = await db.backlogItem.findMany({
    where: {
      projectId,
      OR: [...(documentId ? [{ documentId }] : []), ...(keys.length ? [{ key: { in: keys } }] : [])],
    },
    select: {
      id: true,
      key: true,
      title: true,
      block: true,
      priority: true,
      status: true,
      body: true,
      affectedFiles: true,
      verificationCommands: true,
      documentId: true,
      sectionPath: true,
      importedHash: true,
      removedFromSourceAt: true,
      criteria: { orderBy: { position: "asc" }, select: { text: true, done: true, depth: true } },
    },
    orderBy: { id: "asc" },
  });
  const items: ExistingItem[] = documentId || keys.length ? rows : [];
  const runbookKeys = parsed.runbooks.map((r) => r.key);
  const runbookRows = await db.runbook.findMany({
    where: { projectId, OR: [...(documentId ? [{ documentId }] : []), { key: { in: runbookKeys } }] },
    select: {
      id: true,
      key: true,
      title: true,
      documentId: true,
      importedHash: true,
      removedFromSourceAt: true,
      currentVersion: true,
      versions: { select: { version: true, steps: true } },
    },
  });
  const runbooks: ExistingRunbook[] = runbookRows.map((r) => ({
    ...r,
    steps: (r.versions.find((v) => v.version === r.currentVersion)?.steps ?? []) as unknown as ParsedRunbookStep[],
  }));
  return planImport(parsed, documentId, items, runbooks);
}

/** What the preview and the apply report. */
export function planSummary(parsed: ParsedDocument, plan: ImportPlan) {
  return {
    format: parsed.format,
    title: parsed.title,
    sha256: parsed.sha256,
    byteSize: parsed.byteSize,
    reflowed: parsed.reflowed,
    sections: parsed.sections.length,
    warnings: parsed.warnings,
    counts: plan.counts,
    runbookCounts: plan.runbookCounts,
    items: plan.items.map(({ parsed: p, ...rest }) => ({
      ...rest,
      kind: p?.kind ?? null,
      priority: p?.priority ?? null,
      status: p?.status ?? null,
      block: p?.block ?? null,
      criteria: p?.criteria.length ?? 0,
    })),
    runbooks: plan.runbooks.map(({ parsed: p, ...rest }) => ({ ...rest, steps: p?.steps.length ?? 0 })),
  };
}
