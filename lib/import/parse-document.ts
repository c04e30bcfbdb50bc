// The importer's entry point: bytes in, sections / items / runbooks out, or a refusal that says
// what was wrong. Pure: no database, no clock.
import type { DocFormat, ParsedDocument } from "@/lib/import/types";
import { checkInput, DEFAULT_MAX_IMPORT_BYTES, ImportRefusal } from "@/lib/import/input";
import { detectFormat, looksFlattenedRst } from "@/lib/import/detect-format";
import { markdownBlocks } from "@/lib/import/markdown-blocks";
import { rstBlocks } from "@/lib/import/rst-blocks";
import { textBlocks } from "@/lib/import/text-blocks";
import { interpret } from "@/lib/import/interpret";
import { frontMatterTitle, readFrontMatter } from "@/lib/import/front-matter";
import { type TImportMapping, resolveMapping } from "@/lib/import/mapping";
import { declaredTotals, totalsWarning } from "@/lib/import/declared-totals";

export { ImportRefusal };

export interface ParseOptions {
  /** Used to pick the format (.md, .rst) and in messages. */
  filename?: string;
  /** Overrides detection. */
  format?: DocFormat;
  maxBytes?: number;
  /** The reader's corrections (lib/import/mapping.ts); none: the importer's own guess. */
  mapping?: TImportMapping | null;
}

export function parseDocument(
  input: Uint8Array | string,
  { filename, format, maxBytes = DEFAULT_MAX_IMPORT_BYTES, mapping }: ParseOptions = {},
): ParsedDocument {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const name = filename ? `"${filename}"` : "The document";
  const checked = checkInput(bytes, { maxBytes, name });
  const { frontMatter, text } = readFrontMatter(checked.text.replace(/\r\n?/g, "\n"));
  const guess = detectFormat(text, filename);
  const chosen = format ?? guess.format;
  const flattened = chosen === "rst" && looksFlattenedRst(text);
  const doc =
    chosen === "markdown" ? markdownBlocks(text) : chosen === "rst" ? rstBlocks(text, { flattened }) : textBlocks(text);
  doc.frontMatterTitle = frontMatterTitle(frontMatter);
  const resolved = resolveMapping(mapping);
  const result = interpret(doc, resolved);
  if (!result.items.length && !result.runbooks.length) {
    const what = result.sections.length
      ? `it has ${result.sections.length} heading(s) but no list items, checklist items, table rows with an ID, priority or status, headings with IDs or states, or numbered runbook steps under them`
      : "it has no headings, lists, checklists or tables";
    const how = resolved.chosen
      ? "The mapping chosen for it found nothing either: choose another heading level or list for the items, or name the sections that are runbooks"
      : 'If it does hold work, choose a mapping: which heading level or list holds the items (--items h2|h3|list|checkbox|table), which sections are runbooks (--runbook "<section>"), or a saved mapping file (--mapping file.json); the import preview offers the same choices';
    throw new ImportRefusal(
      "no-structure",
      `Nothing to import from ${name.replace(/^The/, "the")}: ${what}. ${how}. See docs/importing.md for the shapes Proofline recognises.`,
    );
  }
  const totals = declaredTotals(doc.lines, result.items);
  return {
    format: chosen,
    // Front matter names a document whose own headings start below level 1.
    title: (result.sections[0]?.level === 1 ? result.title : null) ?? doc.frontMatterTitle ?? result.title,
    sha256: checked.sha256,
    byteSize: checked.byteSize,
    workingText: doc.lines.join("\n"),
    reflowed: flattened,
    sections: result.sections,
    items: result.items,
    runbooks: result.runbooks,
    warnings: [...result.warnings, ...totals.map(totalsWarning)],
    metadata: frontMatter?.fields ?? {},
    declaredTotals: totals,
  };
}
