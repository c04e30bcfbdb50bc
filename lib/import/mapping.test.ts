// The reader's corrections (lib/import/mapping.ts) change how a document is read, and only as chosen.
import { describe, expect, it } from "vitest";
import { parseDocument, ImportRefusal } from "@/lib/import/parse-document";
import { ZImportMapping, ZImportMappingParam, resolveMapping } from "@/lib/import/mapping";
import type { TImportMapping } from "@/lib/import/mapping";

const md = (text: string, mapping?: TImportMapping) => parseDocument(text, { filename: "doc.md", mapping });

const PLAIN_HEADINGS =
  "# Audit prep\n\n## Evidence\n\n### Export the access logs\n\nFrom the identity provider.\n\n### Collect the pen-test report\n\n- ask the vendor\n- redact names\n\n## Appendix\n\n- a note\n- another note\n";

describe("import mapping", () => {
  it("items: a heading level holds the items (and nothing else is read as one)", () => {
    const guess = md(PLAIN_HEADINGS);
    expect(guess.items.map((i) => i.title)).toEqual(["ask the vendor", "redact names", "a note", "another note"]);
    const chosen = md(PLAIN_HEADINGS, { items: "h3" });
    expect(chosen.items.map((i) => [i.title, i.block])).toEqual([
      ["Export the access logs", "Evidence"],
      ["Collect the pen-test report", "Evidence"],
    ]);
    expect(chosen.items[1].body).toContain("ask the vendor");
  });

  it("skip: sections whose content is not imported", () => {
    expect(md(PLAIN_HEADINGS, { skip: ["Appendix"] }).items.map((i) => i.title)).toEqual([
      "ask the vendor",
      "redact names",
    ]);
  });

  it("skip: headings under a skipped section are not items either, whatever level holds the items", () => {
    const doc =
      "# Audit prep\n\n## Evidence\n\n### Export the access logs\n\nFrom the identity provider.\n\n## Appendix\n\n### Glossary\n\nTerms we use.\n\n#### Acronyms\n\nMFA, SSO.\n";
    expect(md(doc, { items: "h3" }).items.map((i) => i.title)).toEqual(["Export the access logs", "Glossary"]);
    expect(md(doc, { items: "h3", skip: ["Appendix"] }).items.map((i) => i.title)).toEqual(["Export the access logs"]);
    // The only h4 is under the skipped section: nothing is left, and the refusal says the mapping found nothing.
    expect(() => md(doc, { items: "h4", skip: ["Appendix"] })).toThrow(ImportRefusal);
    expect(() => md(doc, { items: "h4", skip: ["Appendix"] })).toThrow(/The mapping chosen for it found nothing/);
  });

  it("runbooks: a section chosen as a runbook gives its bullets as steps, not items", () => {
    const doc = md(PLAIN_HEADINGS, { runbooks: ["Collect the pen-test report"] });
    expect(doc.runbooks.map((r) => [r.title, r.steps.map((s) => s.text)])).toEqual([
      ["Collect the pen-test report", ["ask the vendor", "redact names"]],
    ]);
    expect(doc.items.map((i) => i.title)).toEqual(["a note", "another note"]);
  });

  it("items: checkbox items only, or every list item even beside entries", () => {
    const text = "# Plan\n\n- [x] rotate keys ✅\n- [ ] enable MFA\n- a remark\n";
    expect(md(text, { items: "checkbox" }).items.map((i) => i.title)).toEqual(["rotate keys", "enable MFA"]);
    const keyed = "# Plan\n\n## SEC-1: Rotate keys\n\n**Priority:** High\n\n## Notes\n\n- call the vendor\n";
    expect(md(keyed).items.map((i) => i.title)).toEqual(["Rotate keys"]);
    expect(md(keyed, { items: "list" }).items.map((i) => i.title)).toEqual(["Rotate keys", "call the vendor"]);
  });

  it("state: only the chosen signal sets it", () => {
    const text = "# Plan\n\n- [ ] rotate keys ✅\n- [x] enable MFA\n";
    expect(md(text).items.map((i) => i.status)).toEqual(["DONE", "DONE"]);
    expect(md(text, { state: "checkbox" }).items.map((i) => i.status)).toEqual(["OPEN", "DONE"]);
    expect(md(text, { state: "emoji" }).items.map((i) => i.status)).toEqual(["DONE", "OPEN"]);
  });

  it("state and priority fields: named by the reader", () => {
    const text =
      "# Findings\n\n## F-1: Open bucket\n\n**Progress:** done\n**Status:** triaged\n**Risk:** high\n\n## F-2: Old TLS\n\n**Progress:** started\n**Risk:** low\n";
    const doc = md(text, { stateField: "Progress", priorityField: "Risk" });
    expect(doc.items.map((i) => [i.key, i.status, i.priority])).toEqual([
      ["F-1", "DONE", "HIGH"],
      ["F-2", "IN_PROGRESS", "LOW"],
    ]);
  });

  it("a mapping that finds nothing says so", () => {
    expect(() => md("# Notes\n\nprose\n", { items: "h4" })).toThrow(ImportRefusal);
    expect(() => md("# Notes\n\nprose\n", { items: "h4" })).toThrow(/mapping chosen for it found nothing/);
  });

  it("is validated: unknown choices and keys are refused; the query form takes JSON or none", () => {
    expect(ZImportMapping.safeParse({ items: "h7" }).success).toBe(false);
    expect(ZImportMapping.safeParse({ items: "h2", colour: "red" }).success).toBe(false);
    expect(ZImportMappingParam.parse('{"items":"h3","skip":["Appendix"]}')).toMatchObject({
      items: "h3",
      skip: ["Appendix"],
    });
    expect(ZImportMappingParam.parse("none")).toBeNull();
    expect(ZImportMappingParam.safeParse("{not json").success).toBe(false);
    expect(resolveMapping({}).chosen).toBe(false);
    expect(resolveMapping({ items: "h2" })).toMatchObject({ chosen: true, itemLevel: 2 });
  });
});
