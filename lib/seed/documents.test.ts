// The demo readiness documents that ship with the repository (lib/seed/documents), read by the importer
// as `npm start` reads them: each in its own shape, with the items, blocks and runbooks a reader finds.
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/import/parse-document";
import { markdownBlocks } from "@/lib/import/markdown-blocks";
import { plainInline, strikeParts } from "@/lib/import/inline";
import { countByBlockAndPriority } from "@/lib/import/summary";
import { readDemoDocument } from "@/lib/import/seed-files";
import { DEMO_PROJECTS } from "@/lib/seed/demo-projects";
import { DEMO_RUNBOOKS } from "@/lib/seed/steps/backlog-and-runbooks";
import type { ParsedDocument } from "@/lib/import/types";

const load = (name: string) => parseDocument(readDemoDocument(name), { filename: name });
const byBlock = (doc: ParsedDocument) =>
  Object.fromEntries(
    [...countByBlockAndPriority(doc.items, { includeDone: true })].map(([b, row]) => [
      b,
      Object.values(row).reduce((a, n) => a + n, 0),
    ]),
  );

describe("demo document: a backlog of • bullets under plain-text headings", () => {
  const doc = load("portal-hardening-backlog.txt");

  it("reads five blocks of open items, each at its line", () => {
    expect([doc.format, doc.title]).toEqual(["text", "Hardening Backlog"]);
    expect(byBlock(doc)).toEqual({
      "Access and Identity": 3,
      "Study Data Handling": 4,
      "Model Provider Egress": 2,
      "Logging and Alerts": 3,
      "Release Process": 3,
    });
    expect(
      doc.items.every((i) => i.kind === "ITEM" && i.status === "OPEN" && i.priority === null && i.key === null),
    ).toBe(true);
    expect(doc.items[0]).toMatchObject({
      title: "Move operator sign-in from shared proxy accounts to named accounts in the university identity provider",
      line: 7,
    });
    expect(doc.runbooks).toEqual([]);
  });
});

describe("demo document: a reStructuredText guide flattened onto one line", () => {
  const doc = load("portal-operations-guide.txt");

  it("is reflowed at its titles, and its requirement lists become items but the references do not", () => {
    expect(readDemoDocument("portal-operations-guide.txt").toString("utf8").trimEnd().split("\n")).toHaveLength(1);
    expect([doc.format, doc.reflowed, doc.title]).toEqual(["rst", true, "Operations Guide"]);
    expect(doc.sections.filter((s) => s.level === 2).map((s) => s.title)).toEqual([
      "Scope",
      "Readiness Checks",
      "Logging",
      "Snapshot Restore Drill",
      "Key Rotation",
      "Incident Response",
      "Things We Never Do",
      "Further Reading",
    ]);
    expect(byBlock(doc)).toEqual({ Scope: 3, "Readiness Checks": 5, Logging: 4, "Things We Never Do": 3 });
    expect(doc.items.some((i) => /hosting standard|fetch the latest/i.test(i.title))).toBe(false);
  });

  it("finds the three procedures as runbooks with their cadence and targets", () => {
    expect(
      doc.runbooks.map((r) => [r.key, r.steps.length, r.cadenceDays, r.rtoTargetSeconds, r.rpoTargetSeconds]),
    ).toEqual([
      ["snapshot-restore-drill", 5, 90, 4 * 3600, 24 * 3600],
      ["key-rotation", 5, 365, null, null],
      ["incident-response", 5, null, null, null],
    ]);
    expect(doc.runbooks[0].steps[3].text).toBe("run make verify-snapshot and compare the checksum manifest");
  });
});

describe("demo document: a keyed gap list with struck-through, completed entries", () => {
  const doc = load("engine-production-gaps.md");

  it("imports each key once, done or open, with its criticality from before it was completed", () => {
    expect(doc.format).toBe("markdown");
    expect(doc.items).toHaveLength(12);
    expect(new Set(doc.items.map((i) => i.key)).size).toBe(12);
    expect(doc.items.every((i) => i.kind === "GAP")).toBe(true);
    expect(
      doc.items
        .filter((i) => i.status === "DONE")
        .map((i) => i.key)
        .sort(),
    ).toEqual(["IMG-001", "IMG-002", "OBS-001", "OPS-001", "RUN-002"]);
    expect(doc.items.find((i) => i.key === "IMG-001")).toMatchObject({
      title: "Sign container images with cosign",
      block: "Supply Chain",
      priority: "HIGH",
      priorityRaw: "~~HIGH~~ COMPLETED",
      status: "DONE",
    });
    expect(doc.items.find((i) => i.key === "RUN-001")).toMatchObject({
      priority: "BLOCKER",
      status: "OPEN",
      affectedFiles: ["deploy/k8s/ingress.yaml", "src/engine/sdk/errors.py"],
    });
    expect(doc.items.find((i) => i.key === "IMG-003")!.criteria.map((c) => c.done)).toEqual([true, false, false]);
    expect(doc.items.find((i) => i.key === "RUN-002")!.verificationCommands).toEqual([
      "pytest tests/resilience/test_graceful_shutdown.py -v",
    ]);
  });

  it("reproduces the block × priority summary table from the open items", () => {
    const table = markdownBlocks(readDemoDocument("engine-production-gaps.md").toString("utf8")).blocks.find(
      (b) => b.type === "table" && plainInline(b.header[0]) === "Block",
    );
    if (table?.type !== "table") throw new Error("summary table not found");
    const current = (cell: string) => Number(plainInline(strikeParts(cell).rest));
    const counts = countByBlockAndPriority(doc.items);
    const totals = [0, 0, 0, 0];
    for (const row of table.rows.filter((r) => plainInline(r.cells[0]) !== "Total")) {
      const mine = counts.get(plainInline(row.cells[0]))!;
      const open = [mine.BLOCKER, mine.HIGH, mine.MEDIUM, mine.LOW];
      expect(open, plainInline(row.cells[0])).toEqual([1, 2, 3, 4].map((c) => current(row.cells[c])));
      open.forEach((n, k) => (totals[k] += n));
    }
    const total = table.rows.find((r) => plainInline(r.cells[0]) === "Total")!;
    expect(totals).toEqual([1, 2, 3, 4].map((c) => current(total.cells[c])));
  });

  it("finds the rollback runbook with its steps grouped under their sub-headings", () => {
    expect(doc.runbooks.map((r) => [r.key, r.steps.length, r.cadenceDays])).toEqual([["rollback-runbook", 7, 90]]);
    expect([...new Set(doc.runbooks[0].steps.map((s) => s.group))]).toEqual(["Decide", "Roll back", "Confirm"]);
  });
});

describe("demo document: a markdown hardening checklist", () => {
  const doc = load("orchestrator-launch-checklist.md");

  it("makes each labelled bullet a checklist item with its sub-bullets as criteria", () => {
    expect(doc.items.every((i) => i.kind === "CHECKLIST" && i.status === "OPEN")).toBe(true);
    expect(byBlock(doc)).toEqual({
      "Identity & Sessions": 3,
      "Input Limits & Queues": 2,
      Observability: 3,
      "Release Pipeline": 2,
      "Data Protection": 3,
    });
    expect(doc.items[0]).toMatchObject({
      title: "Single sign-on",
      sectionPath: ["Launch Hardening Checklist", "1. Identity & Sessions"],
    });
    expect(doc.items.find((i) => i.title === "Queue control")!.criteria.map((c) => c.text)).toEqual([
      "Run analysis jobs on a separate worker pool",
      "Cap each user at three running jobs",
      "Cancel jobs that run longer than 45 minutes",
    ]);
  });

  it("reads the numbered outage playbook as a runbook, not as checklist items", () => {
    expect(doc.runbooks.map((r) => [r.key, r.steps.length, r.cadenceDays])).toEqual([["outage-playbook", 5, 90]]);
    expect(doc.items.some((i) => /Pause new job submissions/.test(i.title))).toBe(false);
  });
});

describe("demo document: a phased plan copied from a rendered GitHub page", () => {
  const doc = load("ledger-readiness-plan.txt");

  it("drops the page chrome and reads the numbered sub-phases as items with their criteria", () => {
    expect(doc.format).toBe("text");
    expect(doc.warnings[0]).toMatch(/Ignored 5 line\(s\) of web page chrome/);
    const plan = doc.items.filter((i) => i.kind === "ITEM");
    expect(plan.map((i) => [i.title, i.block, i.criteria.length])).toEqual([
      ["CI Evidence Export", "Phase 9: Evidence Automation", 5],
      ["Access Review Export", "Phase 9: Evidence Automation", 4],
      ["Change Evidence", "Phase 9: Evidence Automation", 5],
      ["Processing Inventory", "Phase 10: Privacy", 3],
      ["Requester Pseudonyms", "Phase 10: Privacy", 3],
      ["Backup and Restore Testing", "Phase 11: Resilience", 5],
      ["Failover Rehearsal", "Phase 11: Resilience", 5],
    ]);
    expect(plan[0].criteria[1]).toEqual({ text: "JUnit report from the unit suite", done: false, depth: 1 });
  });

  it("reads the checkbox lists with their done marks", () => {
    const checklist = doc.items.filter((i) => i.kind === "CHECKLIST");
    expect([
      checklist.filter((i) => i.status === "DONE").length,
      checklist.filter((i) => i.status === "OPEN").length,
    ]).toEqual([3, 4]);
    expect(checklist[0]).toMatchObject({
      title: "Requests reach the privacy mailbox and get a ticket",
      sectionPath: ["Audit Readiness Plan", "Phase 10: Privacy", "10.2: Requester Pseudonyms", "Data Subject Rights"],
    });
  });

  it("finds both runbooks, the failover one in four groups", () => {
    expect(doc.runbooks.map((r) => [r.key, r.steps.length])).toEqual([
      ["ledger-replay-runbook", 5],
      ["regional-failover-runbook", 11],
    ]);
    expect([...new Set(doc.runbooks[1].steps.map((s) => s.group))]).toEqual([
      "Immediate Actions (0-5 min)",
      "Failover (5-20 min)",
      "Verification",
      "Afterwards",
    ]);
    expect(doc.runbooks[1].steps[3]).toMatchObject({
      text: "Promote the replica database",
      detail: expect.stringContaining("patronictl failover"),
    });
  });
});

describe("the demo projects and their documents", () => {
  it("give every project items and runbooks, and every planned runbook is in its project's documents", () => {
    for (const project of DEMO_PROJECTS) {
      const docs = project.documents.map(load);
      expect(docs.flatMap((d) => d.items).length, project.slug).toBeGreaterThan(0);
      const keys = docs.flatMap((d) => d.runbooks.map((r) => r.key));
      expect(keys.length, project.slug).toBeGreaterThan(0);
      for (const key of keys)
        expect(
          DEMO_RUNBOOKS.some((p) => p.project === project.slug && p.key === key),
          `${project.slug} ${key} has a plan`,
        ).toBe(true);
    }
    for (const plan of DEMO_RUNBOOKS) {
      const project = DEMO_PROJECTS.find((p) => p.slug === plan.project)!;
      expect(
        project.documents.map(load).some((d) => d.runbooks.some((r) => r.key === plan.key)),
        plan.key,
      ).toBe(true);
    }
  });
});
