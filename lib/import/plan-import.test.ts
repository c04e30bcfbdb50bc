// Reconciling a changed document with what was imported before, without a database.
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/import/parse-document";
import { type ExistingItem, parsedFields, planImport } from "@/lib/import/plan-import";
import { itemFingerprint } from "@/lib/import/fingerprint";

const V1 =
  "# Gaps\n\n## Ops\n\n- **OPS-1**: Add alerts\n- Rotate keys\n- Tune dashboards\n\n## Data\n\n- Encrypt backups\n";
const V2 =
  "# Gaps\n\n## Ops\n\n- ✅ **OPS-1**: Add alerts\n- Rotate keys quarterly\n\n## Data\n\n- Encrypt backups\n  - [ ] pick a KMS\n- Test restores\n";

/** The rows a first import of `text` would have created. */
function imported(text: string): ExistingItem[] {
  return parseDocument(text, { filename: "gaps.md" }).items.map((p, n) => ({
    ...parsedFields(p),
    id: `i${n}`,
    key: p.key,
    documentId: "doc",
    sectionPath: p.sectionPath,
    importedHash: itemFingerprint(parsedFields(p)),
    removedFromSourceAt: null,
  }));
}

describe("planImport", () => {
  it("creates everything on a first import", () => {
    const plan = planImport(parseDocument(V1, { filename: "gaps.md" }), null, [], []);
    expect(plan.counts).toMatchObject({ create: 4, update: 0, remove: 0 });
  });

  it("re-importing the same text changes nothing", () => {
    const plan = planImport(parseDocument(V1, { filename: "gaps.md" }), "doc", imported(V1), []);
    expect(plan.counts).toMatchObject({ unchanged: 4, create: 0, update: 0, remove: 0, conflict: 0 });
  });

  it("reconciles a changed version by key, then by section and title", () => {
    const plan = planImport(parseDocument(V2, { filename: "gaps.md" }), "doc", imported(V1), []);
    const by = (title: string) => plan.items.find((i) => i.title === title)!;
    expect(by("Add alerts")).toMatchObject({
      action: "close",
      id: "i0",
      changes: [{ field: "status", before: "OPEN", after: "DONE" }],
    });
    expect(by("Encrypt backups")).toMatchObject({
      action: "update",
      id: "i3",
      changes: [{ field: "criteria", before: [], after: [{ text: "pick a KMS", done: false, depth: 0 }] }],
    });
    expect(by("Rotate keys quarterly").action).toBe("create"); // a new title is a new item
    expect(by("Test restores").action).toBe("create");
    expect(plan.items.filter((i) => i.action === "remove").map((i) => i.title)).toEqual([
      "Rotate keys",
      "Tune dashboards",
    ]);
  });

  it("shows an item edited in Proofline as a conflict when the document changed it too", () => {
    const rows = imported(V1);
    rows[0] = { ...rows[0], title: "Add paging alerts" }; // edited by hand after the import
    const plan = planImport(parseDocument(V2, { filename: "gaps.md" }), "doc", rows, []);
    expect(plan.items.find((i) => i.key === "OPS-1")).toMatchObject({
      action: "conflict",
      reason: expect.stringMatching(/Edited in Proofline/),
    });
    const same = planImport(parseDocument(V1, { filename: "gaps.md" }), "doc", rows, []);
    expect(same.items.find((i) => i.key === "OPS-1")!.action).toBe("unchanged"); // the document did not move: the edit simply stays
  });

  it("reopens a closed item and restores one that came back", () => {
    const rows = imported(V2).map((r) => (r.title === "Test restores" ? { ...r, removedFromSourceAt: new Date() } : r));
    const back = planImport(parseDocument(V2.replace("✅ ", ""), { filename: "gaps.md" }), "doc", rows, []);
    expect(back.items.find((i) => i.key === "OPS-1")!.action).toBe("reopen");
    expect(back.items.find((i) => i.title === "Test restores")!.action).toBe("restore");
  });

  it("refuses to take over a key that belongs to another document", () => {
    const rows = imported(V1).map((r) => ({ ...r, documentId: "other" }));
    const plan = planImport(
      parseDocument(V1, { filename: "gaps.md" }),
      "doc",
      rows.filter((r) => r.key),
      [],
    );
    expect(plan.items.find((i) => i.key === "OPS-1")).toMatchObject({
      action: "conflict",
      reason: "The key OPS-1 already belongs to an item imported from another document; it is left as it is.",
    });
  });
});
