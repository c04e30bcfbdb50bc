// Conformance: a real readiness assessment from ../shared/corpus/docs, with BUG/FEATURE keys and a
// priority matrix (run by the conformance tier when ../shared is beside the repository).
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/import/parse-document";
import { CORPUS_DOCS_DIR, readShared, requireShared } from "@/lib/import/seed-files";

requireShared(CORPUS_DOCS_DIR);

describe("corpus: a readiness assessment with BUG/FEATURE keys and a priority matrix", () => {
  const doc = parseDocument(readShared(CORPUS_DOCS_DIR, "adguard-hostlistcompiler_PRODUCTION_READINESS.md"), {
    filename: "PRODUCTION_READINESS.md",
  });

  it("imports 12 bugs, 22 features and the pre-production checklist", () => {
    const keys = doc.items.filter((i) => i.key).map((i) => i.key!);
    expect(keys.filter((k) => k.startsWith("BUG-"))).toHaveLength(12);
    expect(keys.filter((k) => k.startsWith("FEATURE-"))).toHaveLength(22);
    expect(doc.items.filter((i) => i.kind === "CHECKLIST").map((i) => i.status)).toEqual(Array(9).fill("OPEN"));
    expect(doc.items.find((i) => i.key === "BUG-002")).toMatchObject({
      priority: "HIGH",
      block: "Input Validation",
      affectedFiles: ["worker/handlers/compile.ts", "worker/middleware/index.ts"],
    });
  });

  it("keeps the entry's own priority when the matrix re-classifies it, and says so", () => {
    expect(doc.items.find((i) => i.key === "FEATURE-001")).toMatchObject({ priority: "HIGH", priorityRaw: "High" });
    expect(doc.warnings.find((w) => w.startsWith("FEATURE-001:"))).toMatch(
      /HIGH .* but CRITICAL in "Critical \(Must Fix Before Production\)"/,
    );
  });
});
