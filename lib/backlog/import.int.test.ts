// Importing documents into a real database: versions, reconciliation, conflicts, refusals. The documents
// are the demo ones that ship with the repository (lib/seed/documents).
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { verifyActivityChain } from "@/lib/activity/verify-chain";
import { applyDocumentImport } from "@/lib/backlog/apply-document-import";
import { previewDocumentImport } from "@/lib/backlog/preview-document-import";
import { updateBacklogItem } from "@/lib/backlog/update-backlog-item";
import { updateRunbook } from "@/lib/runbooks/update-runbook";
import { ForbiddenError, InvalidInputError, UnsupportedMediaTypeError } from "@/lib/errors";
import { readDemoDocument } from "@/lib/import/seed-files";
import { grantAuditorOn } from "@/lib/backlog/test-helpers";
import { ctxOf, makeProject, makeUser } from "@/tests/factories";
import { importRowCounts } from "@/lib/backlog/test-helpers";

const GAPS = "engine-production-gaps.md";
const NOW = new Date("2026-03-02T10:00:00Z");
const LATER = new Date("2026-03-09T10:00:00Z");

describe("importing a gap list", () => {
  it("previews without writing, then applies: items, criteria, the kept version and one event per change", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    const bytes = readDemoDocument(GAPS);
    const preview = await previewDocumentImport({ ctx: ctxOf(lead), slug: project.slug, bytes, filename: GAPS });
    expect(preview.counts).toMatchObject({ create: 12, update: 0, remove: 0 });
    expect(preview.document).toMatchObject({ key: "engine-production-gaps", exists: false });
    expect(await importRowCounts(project.id)).toEqual({ documents: 0, versions: 0, items: 0, runbooks: 0, events: 0 });

    const result = await applyDocumentImport({
      ctx: ctxOf(lead),
      slug: project.slug,
      bytes,
      filename: GAPS,
      now: NOW,
      expectedSha256: preview.sha256,
    });
    expect(result.counts.create).toBe(12);
    const version = await prisma.documentVersion.findUniqueOrThrow({ where: { id: result.versionId } });
    expect(version.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(version.content).toBe(bytes.toString("utf8"));
    expect(await importRowCounts(project.id)).toEqual({
      documents: 1,
      versions: 1,
      items: 12,
      runbooks: 1,
      events: 14,
    });

    const run2 = await prisma.backlogItem.findUniqueOrThrow({
      where: { projectId_key: { projectId: project.id, key: "RUN-002" } },
      include: { criteria: { orderBy: { position: "asc" } } },
    });
    expect(run2).toMatchObject({
      priority: "HIGH",
      priorityRank: 2,
      status: "DONE",
      block: "Runtime",
      sourceLine: 72,
      documentVersionId: version.id,
      closedAt: NOW,
    });
    expect(run2.criteria.map((c) => c.done)).toEqual([true, true, true]);
    const run1 = await prisma.backlogItem.findUniqueOrThrow({
      where: { projectId_key: { projectId: project.id, key: "RUN-001" } },
    });
    expect(run1).toMatchObject({ priority: "BLOCKER", priorityRank: 0, status: "OPEN", closedAt: null });
    const events = await prisma.activityEvent.findMany({
      where: { projectId: project.id },
      orderBy: { id: "asc" },
      select: { action: true, actorLabel: true },
    });
    expect(events.filter((e) => e.action === "backlog-item.create")).toHaveLength(12);
    expect(events.at(-1)).toEqual({ action: "document.import", actorLabel: lead.email });
    expect(await verifyActivityChain(prisma)).toMatchObject({ ok: true }); // the batch-written events chain like the others
  });

  it("re-importing the same version changes nothing and keeps one version", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    const bytes = readDemoDocument(GAPS);
    await applyDocumentImport({ ctx: ctxOf(lead), slug: project.slug, bytes, filename: GAPS, now: NOW });
    const again = await applyDocumentImport({
      ctx: ctxOf(lead),
      slug: project.slug,
      bytes,
      filename: GAPS,
      now: LATER,
    });
    expect(again.counts).toMatchObject({
      unchanged: 12,
      create: 0,
      update: 0,
      close: 0,
      reopen: 0,
      remove: 0,
      conflict: 0,
    });
    expect(await importRowCounts(project.id)).toMatchObject({ documents: 1, versions: 1, items: 12 });
  });

  it("reconciles a changed version by key: reopens, creates, marks removed, and reports edits made here as conflicts", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const engineer = await makeUser({ role: "ENGINEER" });
    const project = await makeProject();
    const v1 = readDemoDocument(GAPS).toString("utf8");
    await applyDocumentImport({
      ctx: ctxOf(lead),
      slug: project.slug,
      bytes: Buffer.from(v1),
      filename: GAPS,
      now: NOW,
    });
    const obs1 = await prisma.backlogItem.findUniqueOrThrow({
      where: { projectId_key: { projectId: project.id, key: "OBS-001" } },
    });
    await updateBacklogItem({
      ctx: ctxOf(engineer),
      slug: project.slug,
      itemId: obs1.id,
      data: { title: "Trace every request end to end" },
      now: NOW,
    });

    const at = v1.indexOf("### ~~IMG-002");
    const reopened = v1
      .slice(at)
      .replace("### ~~IMG-002: Pin base images by digest~~ ✅ COMPLETED", "### IMG-002: Pin base images by digest")
      .replace("**Criticality**: ~~MEDIUM~~ COMPLETED", "**Criticality**: MEDIUM");
    const v2 = (v1.slice(0, at) + reopened)
      .replace(/\| MEDIUM \| IMG-002 \|[^\n]*\n/, "")
      .replace(/### OPS-003:[\s\S]*?---\n\n/, "")
      .replace("Only averages were exported, which hid the slow tail.", "Averages hid the slow tail.")
      .replace(
        "## MEDIUM Priority",
        "### SEC-099: Scan images for known vulnerabilities\n\n**Block**: Security\n**Criticality**: HIGH\n\n---\n\n## MEDIUM Priority",
      );

    const preview = await previewDocumentImport({
      ctx: ctxOf(lead),
      slug: project.slug,
      bytes: Buffer.from(v2),
      filename: GAPS,
    });
    expect(preview.items.filter((i) => i.action !== "unchanged").map((i) => [i.key, i.action])).toEqual([
      ["OBS-001", "conflict"],
      ["SEC-099", "create"],
      ["IMG-002", "reopen"],
      ["OPS-003", "remove"],
    ]);
    expect(preview.counts).toMatchObject({ create: 1, reopen: 1, remove: 1, conflict: 1, unchanged: 9 });
    expect(preview.items.find((i) => i.key === "OBS-001")).toMatchObject({
      action: "conflict",
      reason: expect.stringMatching(/Edited in Proofline/),
    });

    const result = await applyDocumentImport({
      ctx: ctxOf(lead),
      slug: project.slug,
      bytes: Buffer.from(v2),
      filename: GAPS,
      now: LATER,
    });
    expect(result.counts).toEqual(preview.counts);
    const byKey = async (key: string) =>
      prisma.backlogItem.findUniqueOrThrow({ where: { projectId_key: { projectId: project.id, key } } });
    expect(await byKey("IMG-002")).toMatchObject({ status: "OPEN", closedAt: null });
    expect(await byKey("SEC-099")).toMatchObject({ status: "OPEN", priority: "HIGH", block: "Security" });
    expect(await byKey("OPS-003")).toMatchObject({ removedFromSourceAt: LATER, status: "OPEN" }); // marked, never deleted
    const kept = await byKey("OBS-001");
    expect(kept.title).toBe("Trace every request end to end");
    expect(kept.body).not.toContain("Averages hid the slow tail");
    expect(await importRowCounts(project.id)).toMatchObject({ documents: 1, versions: 2, items: 13 });
    const actions = (
      await prisma.activityEvent.findMany({
        where: { projectId: project.id, occurredAt: LATER },
        select: { action: true },
      })
    )
      .map((e) => e.action)
      .sort();
    expect(actions).toEqual([
      "backlog-item.create",
      "backlog-item.mark-removed",
      "backlog-item.reopen",
      "document.import",
    ]);
  });
});

describe("refusals leave the database as it was", () => {
  it("refuses invalid UTF-8, a binary file and a document with nothing to import", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    const before = await importRowCounts(project.id);
    const run = (bytes: Uint8Array, filename: string) =>
      applyDocumentImport({ ctx: ctxOf(lead), slug: project.slug, bytes, filename, now: NOW });
    await expect(run(new Uint8Array([0x23, 0x20, 0xff, 0x0a, 0x2d, 0x20, 0x61]), "bad.md")).rejects.toThrow(
      /not valid UTF-8/,
    );
    await expect(run(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]), "plan.pdf")).rejects.toBeInstanceOf(
      UnsupportedMediaTypeError,
    );
    await expect(run(Buffer.from("Only prose here.\n"), "notes.txt")).rejects.toBeInstanceOf(InvalidInputError);
    expect(await importRowCounts(project.id)).toEqual(before);
  });

  it("refuses auditors on the server, even on a project they may read", async () => {
    const auditor = await makeUser({ role: "AUDITOR" });
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    await grantAuditorOn(project.id, auditor.id, lead.id);
    await expect(
      applyDocumentImport({
        ctx: ctxOf(auditor),
        slug: project.slug,
        bytes: Buffer.from("# B\n\n- one\n"),
        filename: "b.md",
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      previewDocumentImport({
        ctx: ctxOf(auditor),
        slug: project.slug,
        bytes: Buffer.from("# B\n\n- one\n"),
        filename: "b.md",
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await importRowCounts(project.id)).toEqual({ documents: 0, versions: 0, items: 0, runbooks: 0, events: 0 });
  });
});

describe("importing a runbook document", () => {
  it("creates runbooks with a first version, and a changed step makes a second version that keeps the first", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    const name = "portal-operations-guide.txt";
    const v1 = readDemoDocument(name).toString("utf8");
    const first = await applyDocumentImport({
      ctx: ctxOf(lead),
      slug: project.slug,
      bytes: Buffer.from(v1),
      filename: name,
      now: NOW,
    });
    expect(first.runbookCounts.create).toBe(3);
    const restore = await prisma.runbook.findUniqueOrThrow({
      where: { projectId_key: { projectId: project.id, key: "snapshot-restore-drill" } },
      include: { versions: true },
    });
    expect(restore).toMatchObject({
      title: "Snapshot Restore Drill",
      currentVersion: 1,
      sourceLine: expect.any(Number),
    });
    expect((restore.versions[0].steps as Array<{ text: string }>).map((s) => s.text)[0]).toBe(
      "fetch the latest encrypted snapshot archive from the backup bucket",
    );

    // A lead gives the runbook the key its drill reports use; a re-import still finds it (by title).
    await updateRunbook({
      ctx: ctxOf(lead),
      slug: project.slug,
      runbookId: restore.id,
      now: NOW,
      data: { key: "restore-study" },
    });
    const v2 = v1.replace(
      "3. unpack both into a scratch instance;",
      "3. unpack both into a scratch instance with ``--verify``;",
    );
    const second = await applyDocumentImport({
      ctx: ctxOf(lead),
      slug: project.slug,
      bytes: Buffer.from(v2),
      filename: name,
      now: LATER,
    });
    expect(second.runbookCounts).toMatchObject({ update: 1, unchanged: 2 });
    const after = await prisma.runbook.findUniqueOrThrow({
      where: { id: restore.id },
      include: { versions: { orderBy: { version: "asc" } } },
    });
    expect(after).toMatchObject({ currentVersion: 2, key: "restore-study" });
    expect(await prisma.runbook.count({ where: { projectId: project.id } })).toBe(3);
    expect(after.versions.map((v) => (v.steps as Array<{ text: string }>)[2].text)).toEqual([
      "unpack both into a scratch instance",
      "unpack both into a scratch instance with --verify",
    ]);
  });
});
