// Issue 11, finding 6: an import may only make the changes its actor may make by hand. Engineers hold
// document:import and backlog:write but not runbook:write; before the fix an engineer's import created
// and removed runbooks.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { applyDocumentImport } from "@/lib/backlog/apply-document-import";
import { previewDocumentImport } from "@/lib/backlog/preview-document-import";
import { ForbiddenError } from "@/lib/errors";
import { ctxOf, makeProject, makeUser } from "@/tests/factories";
import { postDocumentAsNew } from "@/tests/documents";
import { importRowCounts } from "@/lib/backlog/test-helpers";

const NOW = new Date("2026-03-02T10:00:00Z");
const enc = (s: string) => new TextEncoder().encode(s);

const WITH_RUNBOOK = `# Operations

## Restore runbook

Quarterly. RTO 4 hours.

1. Stop the writers.
2. Restore the latest snapshot.
3. Check the row counts.

## Gaps

- [ ] OPS-001: Alert on failed backups
`;
const ITEMS_ONLY = `# Operations

## Gaps

- [ ] OPS-001: Alert on failed backups
- [ ] OPS-002: Page the on-call engineer
`;

async function counts(projectId: string) {
  return {
    ...(await importRowCounts(projectId)),
    removedRunbooks: await prisma.runbook.count({ where: { projectId, removedFromSourceAt: { not: null } } }),
  };
}

describe("import effects are checked against their own permissions", () => {
  it("refuses an engineer's import that would create a runbook, whole, writing nothing", async () => {
    const engineer = await makeUser({ role: "ENGINEER" });
    const project = await makeProject();
    const input = { ctx: ctxOf(engineer), slug: project.slug, bytes: enc(WITH_RUNBOOK), filename: "ops.md" };

    const preview = await previewDocumentImport(input);
    expect(preview.refused).toEqual([{ permission: "runbook:write", effect: "create 1 runbook" }]);

    const attempt = applyDocumentImport({ ...input, now: NOW });
    await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
    await expect(attempt).rejects.toThrow(/create 1 runbook, which needs runbook:write/);
    expect(await counts(project.id)).toEqual({
      documents: 0,
      versions: 0,
      items: 0,
      runbooks: 0,
      removedRunbooks: 0,
      events: 0,
    });
  });

  it("answers the route's apply with 403 problem+json naming what is not allowed", async () => {
    const { project, res } = await postDocumentAsNew("ENGINEER", {
      query: "mode=apply&filename=ops.md",
      body: WITH_RUNBOOK,
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.detail).toMatch(/create 1 runbook.*runbook:write/);
    expect(await counts(project.id)).toMatchObject({ documents: 0, items: 0, runbooks: 0 });
  });

  it("refuses an engineer's re-import that would mark a lead's imported runbook removed", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const engineer = await makeUser({ role: "ENGINEER" });
    const project = await makeProject();
    await applyDocumentImport({
      ctx: ctxOf(lead),
      slug: project.slug,
      bytes: enc(WITH_RUNBOOK),
      filename: "ops.md",
      now: NOW,
    });
    const before = await counts(project.id);
    expect(before).toMatchObject({ documents: 1, versions: 1, items: 1, runbooks: 1, removedRunbooks: 0 });

    const input = { ctx: ctxOf(engineer), slug: project.slug, bytes: enc(ITEMS_ONLY), filename: "ops.md" };
    expect((await previewDocumentImport(input)).refused).toEqual([
      { permission: "runbook:write", effect: "mark as removed 1 runbook" },
    ]);
    await expect(applyDocumentImport({ ...input, now: NOW })).rejects.toThrow(/mark as removed 1 runbook/);
    expect(await counts(project.id)).toEqual(before);
  });

  it("lets an engineer import backlog items, and a lead import runbooks", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const engineer = await makeUser({ role: "ENGINEER" });
    const project = await makeProject();
    const items = await applyDocumentImport({
      ctx: ctxOf(engineer),
      slug: project.slug,
      bytes: enc(ITEMS_ONLY),
      filename: "gaps.md",
      now: NOW,
    });
    expect(items.counts.create).toBe(2);
    expect(
      (
        await previewDocumentImport({
          ctx: ctxOf(lead),
          slug: project.slug,
          bytes: enc(WITH_RUNBOOK),
          filename: "ops.md",
        })
      ).refused,
    ).toEqual([]);
    const runbooks = await applyDocumentImport({
      ctx: ctxOf(lead),
      slug: project.slug,
      bytes: enc(WITH_RUNBOOK),
      filename: "ops.md",
      now: NOW,
    });
    expect(runbooks.runbookCounts.create).toBe(1);
  });
});
