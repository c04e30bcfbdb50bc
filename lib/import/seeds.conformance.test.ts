// Conformance: the five readiness documents our first users sent (../shared/seeds), imported as they
// are. The expected counts and fields come from reading each document; docs/importing.md explains the
// rules. Run by the conformance tier when ../shared is beside the repository (scripts/test.ts); the
// unit tier reads our own documents of the same shapes (lib/seed/documents.test.ts).
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/import/parse-document";
import { markdownBlocks } from "@/lib/import/markdown-blocks";
import { plainInline, strikeParts } from "@/lib/import/inline";
import { countByBlockAndPriority } from "@/lib/import/summary";
import { SEEDS_DIR, readShared, requireShared } from "@/lib/import/seed-files";
import type { ParsedDocument } from "@/lib/import/types";

requireShared(SEEDS_DIR);
const load = (name: string) => parseDocument(readShared(SEEDS_DIR, name), { filename: name });
const byBlock = (doc: ParsedDocument) =>
  Object.fromEntries(
    [...countByBlockAndPriority(doc.items, { includeDone: true })].map(([b, row]) => [
      b,
      Object.values(row).reduce((a, n) => a + n, 0),
    ]),
  );

describe("seed 000: a backlog of • bullets under plain-text headings", () => {
  const doc = load("000_8de9be00d0878db6.txt");

  it("reads six blocks of open items", () => {
    expect(doc.format).toBe("text");
    expect(doc.title).toBe("Production Backlog");
    expect(doc.sections.map((s) => s.title)).toEqual([
      "Production Backlog",
      "Supply Chain",
      "Runtime Resilience",
      "Security Headers",
      "Observability",
      "Data Retention",
      "Deployment Packaging",
    ]);
    expect(doc.items).toHaveLength(21);
    expect(byBlock(doc)).toEqual({
      "Supply Chain": 5,
      "Runtime Resilience": 5,
      "Security Headers": 2,
      Observability: 3,
      "Data Retention": 3,
      "Deployment Packaging": 3,
    });
    expect(
      doc.items.every((i) => i.kind === "ITEM" && i.status === "OPEN" && i.priority === null && i.key === null),
    ).toBe(true);
    expect(doc.runbooks).toEqual([]);
  });

  it("keeps each item's place in the source", () => {
    expect(doc.items[0]).toMatchObject({
      title: "Add Dependabot or Renovate for Python dependencies and GitHub Actions",
      sectionPath: ["Supply Chain"],
      line: 7,
    });
    expect(doc.items[20]).toMatchObject({
      title: "Define SLO, uptime, and error-budget targets for deployments that need a support contract",
      block: "Deployment Packaging",
      line: 57,
    });
  });
});

describe("seed 001: a reStructuredText runbook flattened onto one line", () => {
  const doc = load("001_3f4d6e7c9a34f5a4.txt");

  it("recovers the sections from the title underlines", () => {
    expect(doc.format).toBe("rst");
    expect(doc.reflowed).toBe(true);
    expect(doc.title).toBe("Production Readiness");
    expect(doc.sections.filter((s) => s.level === 2).map((s) => s.title)).toEqual([
      "Scope",
      "Release Gate",
      "Deployment Boundary",
      "Security Headers",
      "Monitoring",
      "Backups and Restore",
      "Secret and Key Rotation",
      "Incident Response",
      "Operational Non-Negotiables",
      "External References",
    ]);
  });

  it("finds the restore drill, the PHI-key rotation and the incident response as runbooks", () => {
    expect(doc.runbooks.map((r) => [r.key, r.steps.length])).toEqual([
      ["backups-and-restore", 5],
      ["secret-and-key-rotation", 6],
      ["incident-response", 8],
    ]);
    expect(doc.runbooks[0].steps.map((s) => s.text)).toEqual([
      "restore the PHI key",
      "restore data/snapshots/{STUDY_NAME}/",
      "run make restore-study",
      "launch make chat",
      "confirm the assistant reads the restored trio_bundle/ and not data/snapshots/ directly",
    ]);
    expect(doc.runbooks[0].steps[4].detail).toContain("make restore-drill");
    expect(doc.runbooks[2].steps[7].text).toBe("record the corrective action before restoring service");
  });

  it("turns the requirement lists into items, but not the references or the runbook steps", () => {
    expect(byBlock(doc)).toEqual({
      Scope: 4,
      "Deployment Boundary": 9,
      "Security Headers": 6,
      Monitoring: 7,
      "Backups and Restore": 5,
      "Operational Non-Negotiables": 6,
    });
    expect(doc.items.map((i) => i.title)).toContain("X-Frame-Options: DENY or an equivalent frame-ancestors CSP");
    expect(doc.items.some((i) => /restore the PHI key|Streamlit configuration/.test(i.title))).toBe(false);
    const line = doc.items.find((i) => i.title === "Never rotate the PHI key without full re-ingestion")!.line;
    expect(doc.workingText.split("\n")[line - 1]).toContain("Never rotate the PHI key");
  });
});

describe("seed 002: a keyed gap list with struck-through, completed entries", () => {
  const doc = load("002_d312acd1df8c3387.txt");

  it("imports the 39 gap entries and the 11 hardening rows, once each", () => {
    expect(doc.format).toBe("markdown");
    expect(doc.items).toHaveLength(50);
    expect(new Set(doc.items.map((i) => i.key)).size).toBe(50);
    expect(doc.items.every((i) => i.kind === "GAP" && i.status === "DONE")).toBe(true);
    expect(doc.items.filter((i) => i.key!.startsWith("HARD-"))).toHaveLength(11);
    expect(doc.items.some((i) => i.title === "Python package")).toBe(false); // the artifact inventory is not work
  });

  it("reproduces the block × priority summary table from the imported items", () => {
    const table = markdownBlocks(readShared(SEEDS_DIR, "002_d312acd1df8c3387.txt").toString("utf8")).blocks.find(
      (b) => b.type === "table" && plainInline(b.header[0]) === "Block",
    );
    if (table?.type !== "table") throw new Error("summary table not found");
    const current = (cell: string) => Number(plainInline(strikeParts(cell).rest));
    const counts = countByBlockAndPriority(doc.items);
    let total = 0;
    for (const row of table.rows.filter((r) => plainInline(r.cells[0]) !== "Total")) {
      const mine = counts.get(plainInline(row.cells[0]))!;
      expect([mine.BLOCKER, mine.HIGH, mine.MEDIUM, mine.LOW], plainInline(row.cells[0])).toEqual(
        [1, 2, 3, 4].map((c) => current(row.cells[c])),
      );
      const open = mine.BLOCKER + mine.CRITICAL + mine.HIGH + mine.MEDIUM + mine.LOW + mine.NONE;
      expect(open === 0, `${row.cells[0]} is "${plainInline(row.cells[5])}"`).toBe(/Complete/.test(row.cells[5]));
      total += open;
    }
    expect(total).toBe(Number(plainInline(table.rows.find((r) => plainInline(r.cells[0]) === "Total")!.cells[1])));
  });

  it("keeps each entry's criticality from before it was completed", () => {
    const all = countByBlockAndPriority(doc.items, { includeDone: true });
    const row = (b: string) => {
      const r = all.get(b)!;
      return [r.BLOCKER, r.CRITICAL, r.HIGH, r.MEDIUM, r.LOW];
    };
    expect(row("Core Reliability")).toEqual([0, 0, 2, 2, 1]);
    expect(row("Observability")).toEqual([0, 0, 2, 3, 1]);
    expect(row("Security")).toEqual([0, 0, 4, 5, 2]);
    expect(row("Performance")).toEqual([0, 0, 1, 2, 1]);
    expect(row("CI/CD")).toEqual([1, 0, 4, 2, 1]);
    expect(row("Docs")).toEqual([0, 0, 1, 2, 2]);
    expect(row("2025-Q4 Foundation Hardening")).toEqual([0, 3, 6, 2, 0]);
  });

  it("reads a long document in pieces with the same result and the same line numbers", () => {
    const text = readShared(SEEDS_DIR, "002_d312acd1df8c3387.txt").toString("utf8");
    const twice = `${text}\n${text.replace(/\b([A-Z]+(?:-[A-Z]+)*)-(\d{3})\b/g, "X$1-$2")}`; // 90 KB: parsed in two pieces
    const long = parseDocument(twice, { filename: "twice.md" });
    expect(long.items).toHaveLength(100);
    const offset = text.split("\n").length;
    for (const key of ["CICD-001", "HARD-001", "DOC-005"]) {
      const a = doc.items.find((i) => i.key === key)!;
      const b = long.items.find((i) => i.key === `X${key}`)!;
      expect({
        ...b,
        key,
        line: b.line - offset,
        sectionPath: b.sectionPath.map((p) => p.replace(/\bX(?=[A-Z]+(-[A-Z]+)*-\d{3}\b)/g, "")),
      }).toEqual(a);
    }
  });

  it("reads an entry's fields, criteria, files and commands", () => {
    const cicd1 = doc.items.find((i) => i.key === "CICD-001")!;
    expect(cicd1).toMatchObject({
      title: "Add linting and type checking to CI workflows",
      block: "CI/CD",
      priority: "BLOCKER", // the item's own criticality wins over its "HIGH Priority" section
      priorityRaw: "~~BLOCKER~~ COMPLETED",
      priorityInherited: false,
      affectedFiles: [".github/workflows/ci-neuro-cognitive-engine.yml"],
      sectionPath: ["Production Gaps", "HIGH Priority", "CICD-001: Add linting and type checking to CI workflows"],
      line: 160,
    });
    expect(cicd1.criteria).toEqual([
      { text: "Add ruff check src tests step to ci-neuro-cognitive-engine.yml", done: true, depth: 0 },
      { text: "Add mypy src/mlsdm step to ci-neuro-cognitive-engine.yml", done: true, depth: 0 },
      { text: "Both steps must pass for PR to be mergeable", done: true, depth: 0 },
    ]);
    expect(cicd1.body).toContain("Added linting and type checking steps to CI workflow.");
    expect(cicd1.body).not.toContain("**Block**");
    expect(doc.items.find((i) => i.key === "SEC-LLM-002")).toMatchObject({ priority: "MEDIUM", block: "Security" });
    expect(doc.items.find((i) => i.key === "PERF-002")!.criteria.map((c) => c.done)).toEqual([true, true, false]);
    expect(doc.items.find((i) => i.key === "REL-001")!.verificationCommands).toEqual([
      'pytest tests/unit/test_cognitive_controller.py -k "AutoRecovery or TimeBasedRecovery" -v',
    ]);
    expect(doc.items.find((i) => i.key === "REL-005")!.verificationCommands).toHaveLength(2);
    expect(doc.items.find((i) => i.key === "HARD-001")).toMatchObject({
      title: "Policy-as-code foundation (policies/yaml/security-baseline.yaml, policies/yaml/observability-slo.yaml)",
      priority: "CRITICAL",
      status: "DONE",
      line: 71,
    });
  });
});

describe("seed 003: a markdown hardening checklist", () => {
  const doc = load("003_70f65c31b18e50c6.txt");

  it("makes each labelled bullet a checklist item with its sub-bullets as criteria", () => {
    expect(doc.items).toHaveLength(19);
    expect(doc.items.every((i) => i.kind === "CHECKLIST" && i.status === "OPEN")).toBe(true);
    expect(byBlock(doc)).toEqual({
      "Authentication & Authorization": 3,
      "Rate Limiting & Job Control": 2,
      "Monitoring, Metrics, and Logging": 3,
      "CI/CD & Testing Enhancements": 2,
      "Load and Resilience Testing": 2,
      "Security Scanning & Dependency Hygiene": 4,
      "Incident Response & Alerting": 3,
    });
    expect(doc.items[0]).toMatchObject({
      title: "JWT Auth",
      sectionPath: ["Production Hardening Checklist", "1. Authentication & Authorization"],
    });
    expect(doc.items[0].criteria.map((c) => c.text)).toEqual([
      "Implement OAuth2 Password Grant with OAuth2PasswordBearer in FastAPI",
      "Store hashed credentials in Postgres or Mongo (not environment variables)",
      "Rotate signing keys yearly or upon compromise",
    ]);
    expect(doc.items.find((i) => i.title === "Rate Limiting")!.criteria.map((c) => c.depth)).toEqual([0, 0, 1, 1, 1]);
    expect(doc.runbooks).toEqual([]); // "Incident Response & Alerting" has bullets, not numbered steps
  });
});

describe("seed 004: a phased readiness plan copied from a rendered GitHub page", () => {
  const doc = load("004_c166fc15db0d77a3.txt");

  it("reads the numbered sub-phases as items with their acceptance criteria", () => {
    expect(doc.format).toBe("text");
    expect(doc.warnings[0]).toMatch(/Ignored 7 line\(s\) of web page chrome/);
    const plan = doc.items.filter((i) => i.kind === "ITEM");
    expect(plan.map((i) => i.title)).toEqual([
      "GitHub Actions Pipeline",
      "Infrastructure as Code",
      "Automated Deployments",
      "Feature Flags",
      "APM & Logging Integration",
      "Metrics & Alerting",
      "Health Checks & SLA Monitoring",
      "On-Call Runbooks",
      "SOC 2 Type II Preparation",
      "GDPR Compliance",
      "Disaster Recovery",
      "Compliance Documentation",
      "Backend Optimization",
      "Frontend Optimization",
      "Cost Optimization",
    ]);
    expect(plan.map((i) => i.criteria.length)).toEqual([11, 6, 16, 9, 15, 26, 9, 14, 30, 25, 20, 17, 22, 16, 17]);
    expect(plan[0]).toMatchObject({
      block: "Phase 5: CI/CD & DevOps",
      sectionPath: ["Enterprise Readiness Completion Plan", "Phase 5: CI/CD & DevOps", "5.1: GitHub Actions Pipeline"],
      line: 46,
    });
    expect(plan[0].criteria.slice(0, 2)).toEqual([
      { text: "push to main triggers test suite automatically", done: false, depth: 0 },
      { text: "Unit tests pass (>80% coverage)", done: false, depth: 1 },
    ]);
    expect(doc.items.some((i) => i.title === "Automated staging deployments")).toBe(false); // the closing summary restates, it adds nothing
  });

  it("reads both checkbox lists", () => {
    const checklist = doc.items.filter((i) => i.kind === "CHECKLIST");
    expect(checklist.filter((i) => i.status === "OPEN")).toHaveLength(16);
    expect(checklist.filter((i) => i.status === "DONE")).toHaveLength(15);
    expect(checklist[0]).toMatchObject({
      title: "Collect only required data for decision making",
      block: "Phase 7: Compliance",
      sectionPath: [
        "Enterprise Readiness Completion Plan",
        "Phase 7: Compliance",
        "7.2: GDPR Compliance",
        "Data Processing",
      ],
    });
  });

  it("finds the example on-call runbook and the disaster-recovery runbook", () => {
    expect(doc.runbooks.map((r) => [r.title, r.steps.length])).toEqual([
      ["High Error Rate Runbook", 8],
      ["Disaster Recovery Runbook", 16],
    ]);
    const dr = doc.runbooks[1];
    expect([...new Set(dr.steps.map((s) => s.group))]).toEqual([
      "Immediate Actions (0-5 min)",
      "Recovery Actions (5-30 min)",
      "Verification",
      "Post-Recovery",
    ]);
    expect(dr.steps[4]).toMatchObject({
      text: "Restore database from latest backup",
      detail: expect.stringContaining("kubectl exec -it lexecon-db"),
    });
    expect(dr.line).toBe(643);
  });
});
