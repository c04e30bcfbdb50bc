// The importer's entry point: bytes in, sections / items / runbooks out, or a refusal that says
// what was wrong. Pure: no database, no clock.
import type { DocFormat, ParsedDocument } from "@/lib/import/types";
import { checkInput, DEFAULT_MAX_IMPORT_BYTES, ImportRefusal } from "@/lib/import/input";
import { detectFormat, looksFlattenedRst } from "@/lib/import/detect-format";
import { markdownBlocks } from "@/lib/import/markdown-blocks";
import { rstBlocks } from "@/lib/import/rst-blocks";
import { textBlocks } from "@/lib/import/text-blocks";
import { interpret } from "@/lib/import/interpret";

export { ImportRefusal };

export interface ParseOptions {
  /** Used to pick the format (.md, .rst) and in messages. */
  filename?: string;
  /** Overrides detection. */
  format?: DocFormat;
  maxBytes?: number;
}

export function parseDocument(input: Uint8Array | string, { filename, format, maxBytes = DEFAULT_MAX_IMPORT_BYTES }: ParseOptions = {}): ParsedDocument {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const name = filename ? `"${filename}"` : "The document";
  const checked = checkInput(bytes, { maxBytes, name });
  const text = checked.text.replace(/\r\n?/g, "\n");
  const guess = detectFormat(text, filename);
  const chosen = format ?? guess.format;
  const flattened = chosen === "rst" && looksFlattenedRst(text);
  const doc = chosen === "markdown" ? markdownBlocks(text) : chosen === "rst" ? rstBlocks(text, { flattened }) : textBlocks(text);
  const result = interpret(doc);
  if (!result.items.length && !result.runbooks.length) {
    const what = result.sections.length
      ? `it has ${result.sections.length} heading(s) but no list items, checklist items, table rows with keys or priorities, or numbered runbook steps under them`
      : "it has no headings, lists, checklists or tables";
    throw new ImportRefusal("no-structure", `Nothing to import from ${name.replace(/^The/, "the")}: ${what}. Proofline reads backlogs, gap lists, checklists and runbooks; see the import guide for the shapes it recognises.`);
  }
  return {
    format: chosen,
    title: result.title,
    sha256: checked.sha256,
    byteSize: checked.byteSize,
    workingText: doc.lines.join("\n"),
    reflowed: flattened,
    sections: result.sections,
    items: result.items,
    runbooks: result.runbooks,
    warnings: result.warnings,
  };
}
