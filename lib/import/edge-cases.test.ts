// Hand-made documents for the shapes the seeds do not cover, and a readiness assessment of ours
// (lib/import/fixtures); edge-cases.conformance.test.ts reads the corpus one it is modelled on.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/import/parse-document";

const md = (text: string) => parseDocument(text, { filename: "doc.md" });
const txt = (text: string) => parseDocument(text, { filename: "doc.txt" });

describe("edge cases", () => {
  it("nested lists: sub-items become criteria with their depth", () => {
    const doc = md(
      "# Plan\n\n## Storage\n\n- Encrypt backups\n  - [x] pick a key store\n  - [ ] rotate keys\n    - document the rotation\n- Test restores\n",
    );
    expect(doc.items.map((i) => i.title)).toEqual(["Encrypt backups", "Test restores"]);
    expect(doc.items[0].criteria).toEqual([
      { text: "pick a key store", done: true, depth: 0 },
      { text: "rotate keys", done: false, depth: 0 },
      { text: "document the rotation", done: false, depth: 1 },
    ]);
    expect(doc.items[0].block).toBe("Storage");
  });

  it("tables: rows with a title and a priority are items; a table of counts is not", () => {
    const doc = md(
      "# Gaps\n\n| Task | Priority | Status |\n|---|---|---|\n| Add WAF | P0 | Open |\n| Rotate secrets | P2 | ✅ Done |\n| Tune alerts | Low | In progress |\n\n| Block | High | Low |\n|---|---|---|\n| Security | 1 | 2 |\n",
    );
    expect(doc.items.map((i) => [i.title, i.priority, i.priorityRaw, i.status, i.line])).toEqual([
      ["Add WAF", "CRITICAL", "P0", "OPEN", 5],
      ["Rotate secrets", "MEDIUM", "P2", "DONE", 6],
      ["Tune alerts", "LOW", "Low", "IN_PROGRESS", 7],
    ]);
  });

  it("code blocks inside list items become the item's verification commands", () => {
    const doc = md(
      "# Gaps\n\n- **OPS-7**: Prove backups restore\n  ```bash\n  # restore into a scratch database\n  $ make restore-drill \\\n      --target scratch\n  ```\n- **OPS-8**: Alert on failed backups\n",
    );
    expect(doc.items.map((i) => i.key)).toEqual(["OPS-7", "OPS-8"]);
    expect(doc.items[0]).toMatchObject({
      title: "Prove backups restore",
      kind: "GAP",
      verificationCommands: ["make restore-drill --target scratch"],
    });
  });

  it("mixed heading styles: ATX, setext and emphasis-free numbered headings nest as written", () => {
    const doc = md(
      "Readiness\n=========\n\nSecurity\n--------\n\n### 1. Access\n\n- Review admins\n\n## Operations\n\n- Page on failures\n",
    );
    expect(doc.sections.map((s) => [s.level, s.title])).toEqual([
      [1, "Readiness"],
      [2, "Security"],
      [3, "1. Access"],
      [2, "Operations"],
    ]);
    expect(doc.items.map((i) => [i.title, i.block, i.sectionPath.join(" > ")])).toEqual([
      ["Review admins", "Access", "Readiness > Security > 1. Access"],
      ["Page on failures", "Operations", "Readiness > Operations"],
    ]);
  });

  it("plain text: numbered labels and '#' lines are headings; code comments are not", () => {
    const doc = txt(
      "Plan\n\nPhase 1: Harden\n\n1.1: Secrets\n\nAcceptance Criteria:\n\n  • Vault in place\n    • audited\n\n# config/app.yaml\nkey: value\n\nPhase 2: Operate\n\n  • Write the on-call guide\n",
    );
    expect(doc.sections.map((s) => s.title)).toEqual(["Plan", "Phase 1: Harden", "1.1: Secrets", "Phase 2: Operate"]);
    expect(doc.items).toHaveLength(1);
    expect(doc.items[0]).toMatchObject({
      title: "Secrets",
      block: "Phase 1: Harden",
      criteria: [
        { text: "Vault in place", done: false, depth: 0 },
        { text: "audited", done: false, depth: 1 },
      ],
    });
  });

  it("CRLF line endings give the same result as LF", () => {
    const lf = "# Backlog\n\n## Ops\n\n- [ ] Add alerts\n- [x] Add dashboards\n";
    const a = md(lf);
    const b = md(lf.replace(/\n/g, "\r\n"));
    expect(b.items).toEqual(a.items);
    expect(b.items.map((i) => [i.kind, i.status, i.line])).toEqual([
      ["CHECKLIST", "OPEN", 5],
      ["CHECKLIST", "DONE", 6],
    ]);
  });

  it("emoji: markers lead or trail a title, other emoji stay", () => {
    const doc = md(
      "# 🚀 Launch\n\n## 🔐 Security ✅ COMPLETE\n\n- ✅ Ship the WAF 🎉\n- 🐛 Fix the login loop\n- ~~Drop the legacy API~~\n- Rotate keys — RESOLVED\n",
    );
    expect(doc.title).toBe("Launch");
    expect(doc.items.map((i) => [i.title, i.status, i.block])).toEqual([
      ["Ship the WAF 🎉", "DONE", "Security"],
      ["Fix the login loop", "OPEN", "Security"],
      ["Drop the legacy API", "DONE", "Security"],
      ["Rotate keys", "DONE", "Security"],
    ]);
  });

  it("a heading with no items is a section and nothing more", () => {
    const doc = md("# Backlog\n\n## Networking\n\nNothing here yet.\n\n## Storage\n\n- Snapshot volumes\n");
    expect(doc.sections.map((s) => s.title)).toEqual(["Backlog", "Networking", "Storage"]);
    expect(doc.items.map((i) => i.title)).toEqual(["Snapshot volumes"]);
  });

  it("priorities come from the item, else from the section heading above it", () => {
    const doc = md(
      "# Gaps\n\n## P1 — soon\n\n- Add rate limits\n- [P3] Tidy logs\n\n## BLOCKER\n\n- **NET-1**: Close port 8080\n",
    );
    expect(doc.items.map((i) => [i.title, i.priority, i.priorityInherited])).toEqual([
      ["Add rate limits", "HIGH", true],
      ["Tidy logs", "LOW", false],
      ["Close port 8080", "BLOCKER", true],
    ]);
  });

  it("reStructuredText with line breaks: titles, code-block and an enumerated restore drill", () => {
    const doc = parseDocument(
      "=========\nOperations\n=========\n\nRestore drill\n-------------\n\nRun it quarterly. Targets: RTO 4 hours, RPO 15 minutes.\n\n#. Stop writes\n#. Restore the latest snapshot::\n\n      pg_restore -d app latest.dump\n\n#. Check row counts\n\nKnown gaps\n----------\n\n* Automate the drill\n* Alert when a backup is older than a day\n\n.. code-block:: bash\n\n   make drill\n",
      { filename: "ops.rst" },
    );
    expect(doc.sections.map((s) => [s.level, s.title])).toEqual([
      [1, "Operations"],
      [2, "Restore drill"],
      [2, "Known gaps"],
    ]);
    expect(doc.runbooks).toHaveLength(1);
    expect(doc.runbooks[0]).toMatchObject({
      key: "restore-drill",
      cadenceDays: 90,
      rtoTargetSeconds: 4 * 3600,
      rpoTargetSeconds: 15 * 60,
    });
    expect(doc.runbooks[0].steps.map((s) => s.text)).toEqual([
      "Stop writes",
      "Restore the latest snapshot",
      "Check row counts",
    ]);
    expect(doc.runbooks[0].steps[1].detail).toContain("pg_restore -d app latest.dump");
    expect(doc.items.map((i) => i.title)).toEqual(["Automate the drill", "Alert when a backup is older than a day"]);
  });
});

describe("a readiness assessment with BUG/FEATURE keys and a priority matrix (our fixture)", () => {
  const doc = parseDocument(readFileSync(path.join(import.meta.dirname, "fixtures", "readiness-assessment.md")), {
    filename: "READINESS.md",
  });

  it("imports the bugs, the features and the pre-production checklist", () => {
    const keys = doc.items.filter((i) => i.key).map((i) => i.key!);
    expect(keys.filter((k) => k.startsWith("BUG-"))).toHaveLength(2);
    expect(keys.filter((k) => k.startsWith("FEATURE-"))).toHaveLength(3);
    expect(doc.items.filter((i) => i.kind === "CHECKLIST").map((i) => i.status)).toEqual(Array(3).fill("OPEN"));
    expect(doc.items.find((i) => i.key === "BUG-001")).toMatchObject({
      priority: "HIGH",
      block: "Request Handling",
      affectedFiles: ["service/routes/export.ts", "service/middleware/body.ts"],
    });
  });

  it("keeps the entry's own priority when the matrix re-classifies it, and says so", () => {
    expect(doc.items.find((i) => i.key === "FEATURE-001")).toMatchObject({ priority: "HIGH", priorityRaw: "High" });
    expect(doc.warnings.find((w) => w.startsWith("FEATURE-001:"))).toMatch(
      /HIGH .* but CRITICAL in "Critical \(Must Fix Before Production\)"/,
    );
    expect(doc.items.find((i) => i.key === "FEATURE-003")).toMatchObject({ priority: "LOW" });
  });
});
