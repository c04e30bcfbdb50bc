// The backlog, document and runbook endpoints over HTTP: roles, problem+json, and what they write.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as importRoute } from "@/app/api/v1/projects/[slug]/documents/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/projects/[slug]/backlog/route";
import { PATCH as patchItemRoute } from "@/app/api/v1/projects/[slug]/backlog/[itemId]/route";
import { PATCH as tickRoute } from "@/app/api/v1/projects/[slug]/backlog/[itemId]/criteria/[criterionId]/route";
import { POST as linkPrRoute } from "@/app/api/v1/projects/[slug]/backlog/[itemId]/pull-requests/route";
import { POST as linkControlRoute } from "@/app/api/v1/projects/[slug]/backlog/[itemId]/controls/route";
import { DELETE as unlinkControlRoute } from "@/app/api/v1/projects/[slug]/backlog/[itemId]/controls/[control]/route";
import { GET as crossRoute } from "@/app/api/v1/backlog/route";
import { GET as countsRoute } from "@/app/api/v1/projects/[slug]/backlog/counts/route";
import { PATCH as patchRunbookRoute } from "@/app/api/v1/projects/[slug]/runbooks/[runbookId]/route";
import { POST as exerciseRoute } from "@/app/api/v1/projects/[slug]/runbooks/[runbookId]/exercises/route";
import { grantAuditorOn } from "@/lib/backlog/test-helpers";
import { call } from "@/tests/api";
import { makeProject, makeUser, uniq } from "@/tests/factories";
import { postDocument } from "@/lib/backlog/testing/post-document";
import { postDocumentAsNew } from "@/tests/documents";

const PROBLEM = "application/problem+json";
const DOC =
  "# Ops gaps\n\n## HIGH\n\n- **OPS-1**: Page on failed backups\n  - [ ] alert rule\n  - [ ] runbook link\n- **OPS-2**: Encrypt snapshots\n\n## Restore drill\n\n1. Stop writes\n2. Restore the latest snapshot\n3. Compare row counts\n";

async function imported() {
  const {
    user: lead,
    project,
    res,
  } = await postDocumentAsNew("COMPLIANCE_LEAD", {
    query: "filename=ops.md&mode=apply",
    body: DOC,
    contentType: "text/markdown",
  });
  expect(res.status).toBe(201);
  const item = await prisma.backlogItem.findFirstOrThrow({
    where: { projectId: project.id, key: "OPS-1" },
    include: { criteria: { orderBy: { position: "asc" } } },
  });
  const runbook = await prisma.runbook.findFirstOrThrow({ where: { projectId: project.id } });
  return { lead, project, item, runbook };
}

describe("documents API", () => {
  it("previews by default and applies with mode=apply", async () => {
    const engineer = await makeUser({ role: "ENGINEER" });
    const project = await makeProject();
    const path = `/api/v1/projects/${project.slug}/documents?filename=ops.md`;
    const preview = await call(importRoute, {
      method: "POST",
      path,
      params: { slug: project.slug },
      asUser: engineer.id,
      rawBody: DOC,
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      counts: { create: 2 },
      runbookCounts: { create: 1 },
      document: { key: "ops", exists: false },
    });
    expect(await prisma.backlogItem.count({ where: { projectId: project.id } })).toBe(0);
    const stale = await call(importRoute, {
      method: "POST",
      path: `${path}&mode=apply&expectedSha256=${"0".repeat(64)}`,
      params: { slug: project.slug },
      asUser: engineer.id,
      rawBody: DOC,
    });
    expect(stale.status).toBe(409);
    expect(await prisma.backlogItem.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("answers bad documents with problem+json that says what is wrong", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    const send = (rawBody: BodyInit, query = "filename=x.md&mode=apply") =>
      postDocument({ slug: project.slug, userId: lead.id, query, body: rawBody });
    const utf8 = await send(new Uint8Array([0x2d, 0x20, 0xc3, 0x28]));
    expect([utf8.status, utf8.headers.get("content-type")]).toEqual([422, PROBLEM]);
    expect(utf8.body.detail).toBe(
      '"x.md" is not valid UTF-8 (the first bad byte is at offset 2, line 1). Save it as UTF-8 and import it again.',
    );
    const pdf = await send(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]));
    expect(pdf.status).toBe(415);
    const big = await send(new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61));
    expect(big.status).toBe(413);
    const unknown = await send(DOC, "filename=x.md&colour=blue");
    expect(unknown.status).toBe(422);
    expect(await prisma.sourceDocument.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("backlog API", () => {
  it("lets an engineer edit, tick a criterion and link a pull request, each recorded", async () => {
    const { project, item } = await imported();
    const engineer = await makeUser({ role: "ENGINEER" });
    const base = { params: { slug: project.slug, itemId: item.id }, asUser: engineer.id };
    const edit = await call(patchItemRoute, {
      ...base,
      method: "PATCH",
      body: { status: "IN_PROGRESS", priority: "BLOCKER" },
    });
    expect(edit.status).toBe(200);
    const tick = await call(tickRoute, {
      ...base,
      method: "PATCH",
      params: { ...base.params, criterionId: item.criteria[0].id },
      body: { done: true },
    });
    expect([tick.status, tick.body.done]).toEqual([200, true]);
    const pr = await call(linkPrRoute, {
      ...base,
      method: "POST",
      body: { url: "https://github.com/acme/ops/pull/42/files", title: "Alert on failed backups", state: "open" },
    });
    expect(pr.status).toBe(201);
    expect(pr.body).toMatchObject({
      repo: "acme/ops",
      number: 42,
      url: "https://github.com/acme/ops/pull/42",
      detailsSource: "manual",
    });
    const badPr = await call(linkPrRoute, {
      ...base,
      method: "POST",
      body: { url: "https://gitlab.com/acme/ops/-/merge_requests/4" },
    });
    expect(badPr.status).toBe(422);
    expect(badPr.body.errors).toEqual([
      { path: "body.url", message: "Paste a GitHub pull request address, like https://github.com/owner/repo/pull/123" },
    ]);
    const events = await prisma.activityEvent.findMany({
      where: { entityId: item.id, actorId: engineer.id },
      orderBy: { id: "asc" },
      select: { action: true, summary: true },
    });
    expect(events.map((e) => e.action)).toEqual([
      "backlog-item.update",
      "backlog-item.criterion-tick",
      "backlog-item.link-pull-request",
    ]);
    expect(events[1].summary).toEqual({ criterion: "alert rule", before: { done: false }, after: { done: true } });
  });

  it("lets an auditor read but refuses every write, leaving the item as it was", async () => {
    const { lead, project, item, runbook } = await imported();
    const auditor = await makeUser({ role: "AUDITOR" });
    await grantAuditorOn(project.id, auditor.id, lead.id);
    const list = await call(listRoute, {
      path: `/api/v1/projects/${project.slug}/backlog`,
      params: { slug: project.slug },
      asUser: auditor.id,
    });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { key: string }) => i.key)).toEqual(["OPS-1", "OPS-2"]);
    const base = { params: { slug: project.slug, itemId: item.id }, asUser: auditor.id };
    const refused = [
      await call(patchItemRoute, { ...base, method: "PATCH", body: { title: "Changed by an auditor" } }),
      await call(tickRoute, {
        ...base,
        method: "PATCH",
        params: { ...base.params, criterionId: item.criteria[0].id },
        body: { done: true },
      }),
      await call(linkPrRoute, { ...base, method: "POST", body: { url: "https://github.com/acme/ops/pull/1" } }),
      await call(createRoute, {
        method: "POST",
        params: { slug: project.slug },
        asUser: auditor.id,
        body: { title: "Auditor item" },
      }),
      await call(exerciseRoute, {
        method: "POST",
        params: { slug: project.slug, runbookId: runbook.id },
        asUser: auditor.id,
        body: { performedAt: new Date().toISOString(), outcome: "PASS" },
      }),
    ];
    expect(refused.map((r) => [r.status, r.headers.get("content-type")])).toEqual(Array(5).fill([403, PROBLEM]));
    expect(refused[0].body.detail).toBe("Your role (Auditor) does not allow changing backlogs.");
    const after = await prisma.backlogItem.findUniqueOrThrow({
      where: { id: item.id },
      include: { criteria: true, pullRequests: true },
    });
    expect([after.title, after.criteria.every((c) => !c.done), after.pullRequests.length]).toEqual([
      item.title,
      true,
      0,
    ]);
    expect(await prisma.runbookExercise.count({ where: { runbookId: runbook.id } })).toBe(0);
  });

  it("lets an engineer record an exercise but not rewrite the runbook", async () => {
    const { project, runbook } = await imported();
    const engineer = await makeUser({ role: "ENGINEER" });
    const params = { slug: project.slug, runbookId: runbook.id };
    const ex = await call(exerciseRoute, {
      method: "POST",
      params,
      asUser: engineer.id,
      body: {
        performedAt: "2026-01-10T09:00:00Z",
        outcome: "PARTIAL",
        measuredRtoSeconds: 5400,
        notes: "Restore took longer than planned.",
      },
    });
    expect(ex.status).toBe(201);
    const future = await call(exerciseRoute, {
      method: "POST",
      params,
      asUser: engineer.id,
      body: { performedAt: "2999-01-01T00:00:00Z", outcome: "PASS" },
    });
    expect(future.status).toBe(422);
    const rewrite = await call(patchRunbookRoute, {
      method: "PATCH",
      params,
      asUser: engineer.id,
      body: { steps: [{ text: "Skip it" }] },
    });
    expect(rewrite.status).toBe(403);
  });

  it("links and unlinks a control, and filters by it", async () => {
    const { project, item, lead } = await imported();
    const control = await prisma.control.create({
      data: {
        key: uniq("BCK")
          .toUpperCase()
          .replace(/[^A-Z0-9-]/g, "")
          .slice(0, 20),
        title: "Backups are restorable",
        description: "",
        frequency: "QUARTERLY",
      },
    });
    const base = { params: { slug: project.slug, itemId: item.id }, asUser: lead.id };
    expect((await call(linkControlRoute, { ...base, method: "POST", body: { control: control.key } })).status).toBe(
      200,
    );
    const filtered = await call(listRoute, {
      path: `/api/v1/projects/${project.slug}/backlog?control=${control.key}`,
      params: { slug: project.slug },
      asUser: lead.id,
    });
    expect(filtered.body.items.map((i: { key: string; controls: string[] }) => [i.key, i.controls])).toEqual([
      ["OPS-1", [control.key]],
    ]);
    expect(
      (await call(unlinkControlRoute, { ...base, method: "DELETE", params: { ...base.params, control: control.key } }))
        .status,
    ).toBe(200);
    expect(await prisma.backlogItemControl.count({ where: { itemId: item.id } })).toBe(0);
  });
});

describe("cross-project backlog", () => {
  it("pages through open work of every project by priority, and counts it by block × priority", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const tag = uniq("zz");
    for (const n of [1, 2]) {
      const project = await makeProject();
      for (const [title, priority] of [
        [`${tag} low ${n}`, "LOW"],
        [`${tag} blocker ${n}`, "BLOCKER"],
        [`${tag} done ${n}`, "HIGH"],
      ] as const) {
        const res = await call(createRoute, {
          method: "POST",
          params: { slug: project.slug },
          asUser: lead.id,
          body: { title, priority, block: "Ops", status: title.includes("done") ? "DONE" : "OPEN" },
        });
        expect(res.status).toBe(201);
      }
      const counts = await call(countsRoute, {
        params: { slug: project.slug },
        path: `/api/v1/projects/${project.slug}/backlog/counts`,
        asUser: lead.id,
      });
      expect(counts.body.rows).toEqual([
        { block: "Ops", counts: { BLOCKER: 1, CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 1, NONE: 0 }, total: 2 },
      ]);
    }
    const titles: string[] = [];
    let cursor = "";
    for (let page = 0; page < 5; page++) {
      const res = await call(crossRoute, {
        path: `/api/v1/backlog?status=NOT_DONE&limit=3&q=${tag}${cursor ? `&cursor=${cursor}` : ""}`,
        asUser: lead.id,
      });
      expect(res.status).toBe(200);
      titles.push(...res.body.items.map((i: { title: string }) => i.title));
      if (!res.body.nextCursor) break;
      cursor = res.body.nextCursor;
    }
    expect(titles).toEqual([`${tag} blocker 1`, `${tag} blocker 2`, `${tag} low 1`, `${tag} low 2`]);
  });
});
