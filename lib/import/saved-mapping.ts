// The mapping a document was last imported with (SourceDocument.importMapping): found before the
// upload is parsed, so that the next version of a document is read the way the reader corrected it.
import type { Db } from "@/lib/db";
import { slugKey } from "@/lib/import/runbooks";
import { type TImportMapping, ZImportMapping } from "@/lib/import/mapping";

/** The document key an upload names before it is parsed (its --document key or file name), or null. */
export function keyBeforeParsing(input: { documentKey?: string; filename?: string }): string | null {
  if (input.documentKey) return slugKey(input.documentKey);
  const base = input.filename?.replace(/^.*[\\/]/, "").replace(/\.[a-z0-9]+$/i, "");
  return base ? slugKey(base) : null;
}

/** A stored mapping, or null when there is none (or it no longer reads as one). */
export function readStoredMapping(value: unknown): TImportMapping | null {
  if (value === null || value === undefined) return null;
  const parsed = ZImportMapping.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export async function savedMapping(
  db: Db,
  projectId: string,
  input: { documentKey?: string; filename?: string },
): Promise<TImportMapping | null> {
  const key = keyBeforeParsing(input);
  if (!key) return null;
  const doc = await db.sourceDocument.findUnique({
    where: { projectId_key: { projectId, key } },
    select: { importMapping: true },
  });
  return readStoredMapping(doc?.importMapping);
}

/** What the preview says about the mapping in use. */
export interface MappingInUse {
  mapping: TImportMapping | null;
  /** "chosen": given with this upload; "saved": the document's own from an earlier import; "none": the importer's guess. */
  source: "chosen" | "saved" | "none";
}

export async function mappingInUse(
  db: Db,
  projectId: string,
  input: { mapping?: TImportMapping | null; documentKey?: string; filename?: string },
): Promise<MappingInUse> {
  if (input.mapping !== undefined && input.mapping !== null)
    return { mapping: ZImportMapping.parse(input.mapping), source: "chosen" };
  if (input.mapping === null) return { mapping: null, source: "none" };
  const saved = await savedMapping(db, projectId, input);
  return saved ? { mapping: saved, source: "saved" } : { mapping: null, source: "none" };
}
