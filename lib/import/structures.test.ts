// The structures real readiness documents use (issue 14), each read from a document of our own in
// lib/import/fixtures, so that these tests run without ../shared. The corpus conformance test
// (corpus.conformance.test.ts) measures the same rules on other projects' documents.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument, ImportRefusal } from "@/lib/import/parse-document";
import { readFrontMatter } from "@/lib/import/front-matter";
import { headingId, headingTags } from "@/lib/import/heading-signals";

const fixture = (name: string) =>
  parseDocument(readFileSync(path.join(import.meta.dirname, "fixtures", name)), { filename: name });

describe("items as headings with IDs, states and priorities written after the title", () => {
  const doc = fixture("decision-log.md");

  it("reads every ID'd heading at any level as one item, and the recap list as mentions, not items", () => {
    expect(doc.items.map((i) => [i.key, i.title, i.status, i.priority])).toEqual([
      ["3b", "Pick the ledger database", "OPEN", null],
      ["3c", "Retire the CSV export", "DONE", null],
      ["K2", "Break-glass accounts", "IN_PROGRESS", "CRITICAL"],
      ["K3", "Quarterly access review", "DONE", "LOW"],
      ["Gate-Network-04", "Egress allow-list", "OPEN", null],
    ]);
    expect(doc.items.map((i) => i.block)).toEqual(["Storage", "Storage", "Access", "Access", "Access"]);
  });

  it("makes a checklist under an entry its acceptance criteria, and a field-list Acceptance one criterion", () => {
    expect(doc.items[0].criteria).toEqual([
      { text: "latency test on both", done: false, depth: 0 },
      { text: "price both for three years", done: true, depth: 0 },
    ]);
    expect(doc.items[3].criteria.map((c) => c.text)).toEqual(["every reviewer signs the sheet"]);
  });

  it("warns when the declared total differs from the count found, with both numbers", () => {
    expect(doc.declaredTotals).toEqual([{ label: "total items", declared: 6, found: 5, line: 3 }]);
    expect(doc.warnings).toContain(
      "Line 3 declares 6 total items, but 5 were found; check the count before importing.",
    );
  });

  it("reads the ID shapes teams use, and not the numbering of parts", () => {
    expect(headingId("7f. Title")).toEqual({ key: "7f", rest: "Title" });
    expect(headingId("C1: Title")).toEqual({ key: "C1", rest: "Title" });
    expect(headingId("GAP 12: Title")).toEqual({ key: "GAP 12", rest: "Title" });
    expect(headingId("Check-Identity-01: Title")?.key).toBe("Check-Identity-01");
    expect(headingId("#004 - Title")?.key).toBe("#004");
    expect(headingId("ISSUE_0007 Title")?.key).toBe("ISSUE_0007");
    for (const part of ["Phase 1: Setup", "Step 2. Build", "Tier 3: UX", "Update 2.4.0 milestones", "Using tools"])
      expect(headingId(part), part).toBeNull();
  });

  it("reads state and priority tags: backticked tokens, bold words, emoji, a word after a middle dot", () => {
    expect(headingTags("Pick a database — `NEEDS DECISION`")).toMatchObject({
      status: "OPEN",
      statusRaw: "NEEDS DECISION",
      title: "Pick a database",
    });
    expect(headingTags("Open ports 🔴 **CRITICAL**")).toMatchObject({ priority: "CRITICAL", title: "Open ports" });
    expect(headingTags("Rotate keys ✅ **RESOLVED**")).toMatchObject({ status: "DONE", title: "Rotate keys" });
    expect(headingTags("Rate limits · LOW/MEDIUM")).toMatchObject({ priority: "LOW", title: "Rate limits" });
    expect(headingTags("🔥 **HIGH PRIORITY (THIS WEEK)**")).toMatchObject({ priority: null, status: null });
    expect(headingTags("Using ``db_sync check``").status).toBeNull();
  });
});

describe("front matter", () => {
  it("YAML: metadata, never text; the title heading stays the document's", () => {
    const doc = fixture("pod-evicted.md");
    expect(doc.metadata).toMatchObject({ title: "Runbook: worker pods evicted", owner: "platform-oncall" });
    expect(doc.title).toBe("Worker pods evicted");
    expect(doc.sections.map((s) => s.title)).not.toContain("title: Runbook: worker pods evicted");
    expect(doc.items).toEqual([]);
  });

  it("TOML: read the same way", () => {
    const doc = fixture("disk-filling.md");
    expect(doc.metadata).toEqual({ title: "DiskAlmostFull", service: "object-store" });
  });

  it("a document that opens with a rule is not front matter", () => {
    expect(readFrontMatter("---\n\n# Title\n\n- item\n").frontMatter).toBeNull();
    expect(readFrontMatter("---\ntitle: x\n").frontMatter).toBeNull();
  });

  it("a document with no heading takes its title from front matter", () => {
    const doc = parseDocument(
      "---\ndescription: Steps for a lost laptop incident\n---\n\n## Steps\n\n1. Lock the account\n2. Wipe the device\n3. File the report\n",
      { filename: "lost.md" },
    );
    expect(doc.title).toBe("Steps for a lost laptop incident");
    expect(doc.runbooks.map((r) => [r.title, r.steps.length])).toEqual([["Steps for a lost laptop incident", 3]]);
  });
});

describe("runbooks recognised by their sections", () => {
  it("Symptoms / Cause / Resolution, steps as bullets or numbered", () => {
    const doc = fixture("pod-evicted.md");
    expect(doc.runbooks).toHaveLength(1);
    expect(doc.runbooks[0].steps.map((s) => s.text)).toEqual([
      "Cordon the node that is under pressure",
      "Delete the evicted pods so the deployment reschedules them",
      "Raise the memory request in the chart and redeploy",
      "Confirm queue depth falls within ten minutes",
      "Uncordon the node",
    ]);
  });

  it("Meaning / Impact / Diagnosis / Mitigation: numbered steps in order, the Impact bullets are not items", () => {
    const doc = fixture("disk-filling.md");
    expect(doc.items).toEqual([]);
    expect(doc.runbooks.map((r) => [r.title, r.steps.length])).toEqual([["DiskAlmostFull", 5]]);
    expect(doc.runbooks[0].steps.map((s) => s.group)).toEqual([
      "Diagnosis",
      "Diagnosis",
      "Mitigation",
      "Mitigation",
      "Mitigation",
    ]);
  });

  it("a walkthrough whose steps are numbered sub-sections", () => {
    const doc = fixture("cutover-walkthrough.rst");
    expect(doc.items).toEqual([]);
    expect(doc.runbooks.map((r) => [r.title, r.steps.map((s) => s.text)])).toEqual([
      [
        "Region cutover walkthrough",
        ["Freeze deploys", "Replicate the last snapshot", "Switch DNS", "Watch error rates"],
      ],
    ]);
  });

  it("procedures under headings that name them, each its own runbook; their notes are not items", () => {
    const doc = parseDocument(
      "Upgrading the cluster\n=====================\n\nBefore you begin\n----------------\n\n- read the notes\n- take a backup\n\nUpgrading one node at a time\n----------------------------\n\n#. Drain the node.\n#. Upgrade the package.\n#. Rejoin the node.\n\nMigrating the data\n------------------\n\n#. Stop writes.\n#. Copy the tables.\n#. Start writes.\n",
      { filename: "upgrade.rst" },
    );
    expect(doc.runbooks.map((r) => [r.title, r.steps.length])).toEqual([
      ["Upgrading one node at a time", 3],
      ["Migrating the data", 3],
    ]);
    expect(doc.items).toEqual([]);
  });
});

describe("reStructuredText procedures with notes and code inside their steps", () => {
  it("keeps a #. list whole across nested admonitions and code, and a procedure inside a restore section is its own runbook", () => {
    const doc = parseDocument(
      [
        "Restoring the vault",
        "===================",
        "",
        "Migrating to new hardware",
        "-------------------------",
        "",
        "#. Take a fresh backup.",
        "",
        "   .. note::",
        "      Keep it on an encrypted drive.",
        "",
        "#. Clear the old keys:",
        "",
        "   .. code:: sh",
        "",
        "      ssh-add -D",
        "",
        "#. Install the new servers.",
        "",
        "Repairing the workstations",
        "--------------------------",
        "",
        "#. Boot each workstation.",
        "#. Copy the new keys.",
        "#. Test the connection.",
        "",
      ].join("\n"),
      { filename: "vault.rst" },
    );
    expect(doc.runbooks.map((r) => [r.title, r.steps.length])).toEqual([
      ["Migrating to new hardware", 3],
      ["Repairing the workstations", 3],
    ]);
    expect(doc.runbooks[0].steps[1].detail).toContain("ssh-add -D");
    expect(doc.items).toEqual([]);
  });
});

describe("gap tables", () => {
  it("Capability | Current | Required rows are items; struck-through rows are done", () => {
    const doc = fixture("capability-gaps.md");
    expect(doc.items.map((i) => [i.title, i.status])).toEqual([
      ["Single sign-on", "OPEN"],
      ["Audit log retention", "DONE"],
      ["Key rotation", "OPEN"],
      ["Backups off-site", "DONE"],
    ]);
  });
});

describe("reStructuredText", () => {
  it("sections with IDs are items; field lists give state and severity; Pass: is a criterion", () => {
    const doc = fixture("host-checks.rst");
    expect(doc.items.map((i) => [i.key, i.title, i.status, i.priority])).toEqual([
      ["Check-Kernel-01", "Disable unused filesystems", "DONE", "MEDIUM"],
      ["Check-Kernel-02", "Restrict core dumps", "OPEN", "HIGH"],
    ]);
    expect(doc.items[0].criteria.map((c) => c.text)).toEqual(["cramfs and udf cannot be loaded"]);
  });

  it("definition lists: each term an item, its definition the body", () => {
    const doc = parseDocument(
      "Service checks\n==============\n\nTLS everywhere\n    Terminate TLS at the edge.\n\nBackups encrypted\n    Snapshots use the KMS key.\n",
      { filename: "checks.rst" },
    );
    expect(doc.items.map((i) => [i.title, i.body])).toEqual([
      ["TLS everywhere", "Terminate TLS at the edge."],
      ["Backups encrypted", "Snapshots use the KMS key."],
    ]);
  });

  it("entry directives with :id: and :status: options; a role in the body is not an option", () => {
    const doc = fixture("findings.rst");
    expect(doc.items.map((i) => [i.key, i.title, i.status, i.block])).toEqual([
      ["FND_0001", "Tokens never expire", "DONE", "auth"],
      ["FND_0002", "Debug endpoint reachable", "IN_PROGRESS", null],
      ["FND_0003", "No restore test", "OPEN", null],
    ]);
    expect(doc.items[1].body).toContain(":need:`FND_0001`");
  });
});

describe("a document that yields nothing", () => {
  it("says why and points to the mapping choices", () => {
    let refusal: unknown;
    try {
      parseDocument("# Notes\n\nSome prose and nothing else.\n\n## More\n\nStill prose.\n", { filename: "notes.md" });
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(ImportRefusal);
    expect((refusal as Error).message).toMatch(/2 heading\(s\) but no list items/);
    expect((refusal as Error).message).toMatch(/--items h2\|h3\|list\|checkbox\|table/);
    expect((refusal as Error).message).toMatch(/--mapping file\.json/);
  });
});
