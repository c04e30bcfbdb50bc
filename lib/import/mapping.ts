// The reader's corrections to the importer's guess: which heading level or list holds the items,
// where the state and the priority are written, which sections are runbooks and which to skip.
// Saved with the document (so the next version is read the same way), given on the CLI as flags or
// a JSON file, and chosen in the import preview. One zod schema for all three.
import { z } from "zod";

export const ITEM_SOURCES = ["auto", "h1", "h2", "h3", "h4", "h5", "h6", "list", "checkbox", "table"] as const;
export const STATE_SOURCES = ["auto", "checkbox", "backtick", "emoji", "field", "strike", "table"] as const;

export const ZImportMapping = z
  .object({
    /** Where the items are: headings of one level, list items, checkbox items only, or table rows. */
    items: z.enum(ITEM_SOURCES).default("auto"),
    /** Where each item's state is written. */
    state: z.enum(STATE_SOURCES).default("auto"),
    /** The field ("**Status:**", ":status:", a table column) that holds the state. */
    stateField: z.string().trim().min(1).max(48).optional(),
    /** The field or column that holds the priority. */
    priorityField: z.string().trim().min(1).max(48).optional(),
    /** Section titles read as runbooks (their steps: numbered lists, else sub-headings). */
    runbooks: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    /** Section titles whose content is not imported. */
    skip: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
  })
  .strict();

export type TImportMapping = z.input<typeof ZImportMapping>;

export interface ResolvedMapping {
  /** A heading level chosen as the items' level, or null. */
  itemLevel: number | null;
  items: (typeof ITEM_SOURCES)[number];
  state: (typeof STATE_SOURCES)[number];
  stateField: RegExp | null;
  priorityField: RegExp | null;
  runbooks: Set<string>;
  skip: Set<string>;
  /** True when the reader chose anything at all. */
  chosen: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const norm = (t: string) => t.trim().toLowerCase();

export function resolveMapping(input?: TImportMapping | null): ResolvedMapping {
  const m = ZImportMapping.parse(input ?? {});
  const level = /^h([1-6])$/.exec(m.items);
  return {
    itemLevel: level ? Number(level[1]) : null,
    items: m.items,
    state: m.state,
    stateField: m.stateField ? new RegExp(`^${escape(m.stateField)}$`, "i") : null,
    priorityField: m.priorityField ? new RegExp(`^${escape(m.priorityField)}$`, "i") : null,
    runbooks: new Set(m.runbooks.map(norm)),
    skip: new Set(m.skip.map(norm)),
    chosen:
      m.items !== "auto" ||
      m.state !== "auto" ||
      !!m.stateField ||
      !!m.priorityField ||
      m.runbooks.length > 0 ||
      m.skip.length > 0,
  };
}

/** Whether a section (by its title as shown in the preview) is in a set of chosen titles. */
export function chosen(set: Set<string>, title: string): boolean {
  return set.size > 0 && set.has(norm(title));
}

/**
 * The mapping as a query parameter: JSON of ZImportMapping, or "none" to import with the importer's
 * own guess (and clear a saved mapping on apply). Absent: the document's saved mapping, if any.
 */
export const ZImportMappingParam = z
  .string()
  .max(8000)
  .transform((raw, ctx): TImportMapping | null => {
    if (raw === "none") return null;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: "custom", message: 'mapping must be JSON (or "none")' });
      return z.NEVER;
    }
    const parsed = ZImportMapping.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: "custom", message: `mapping.${issue.path.join(".")}: ${issue.message}` });
      return z.NEVER;
    }
    return parsed.data;
  });
