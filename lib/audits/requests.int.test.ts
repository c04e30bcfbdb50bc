import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { prisma } from "@/lib/db";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { raiseRequest } from "@/lib/audits/raise-request";
import { assignRequest } from "@/lib/audits/assign-request";
import { answerRequest } from "@/lib/audits/answer-request";
import { reviewRequest } from "@/lib/audits/review-request";
import { commentOnRequest } from "@/lib/audits/comment-on-request";
import { getRequest } from "@/lib/audits/get-request";
import { listRequests } from "@/lib/audits/list-requests";
import { exportRequestsCsv, REQUESTS_CSV_HEADER } from "@/lib/audits/export-requests-csv";
import { updateAudit } from "@/lib/audits/update-audit";
import type { SessionUser } from "@/lib/auth/actor";
import { ctxOf, makeUser } from "@/tests/factories";
import { makeEvidence } from "@/lib/audits/audit-test-data";
import { makeAuditedProject } from "@/lib/audits/testing/audited-project";

const NOW = new Date("2026-07-10T09:00:00Z");

async function world() {
  const { lead, auditor, project, audit } = await makeAuditedProject({
    window: { start: new Date("2026-01-01T00:00:00Z"), end: new Date("2026-06-30T23:59:59.999Z") },
    grantExpiresAt: new Date("2026-09-01T00:00:00Z"),
  });
  const owner = await makeUser({ role: "ENGINEER" });
  const bystander = await makeUser({ role: "ENGINEER" });
  const inWindow = await makeEvidence({
    projectId: project.id,
    effectiveAt: new Date("2026-04-01T00:00:00Z"),
    title: "Q1 access review",
  });
  const outside = await makeEvidence({
    projectId: project.id,
    effectiveAt: new Date("2026-07-05T00:00:00Z"),
    title: "July access review",
  });
  return { lead, auditor, owner, bystander, project, audit, inWindow, outside };
}

type Data<T extends (opts: never) => unknown> = Parameters<T>[0]["data"];

/** The request operations as `user`, in the world's audit, at NOW. */
function as(w: Awaited<ReturnType<typeof world>>, user: SessionUser) {
  const on = () => ({ ctx: ctxOf(user), auditId: w.audit.id, now: NOW });
  return {
    raise: (data: Data<typeof raiseRequest>) => raiseRequest({ ...on(), data }),
    assign: (requestId: string, data: Data<typeof assignRequest>) => assignRequest({ ...on(), requestId, data }),
    answer: (requestId: string, data: Data<typeof answerRequest>) => answerRequest({ ...on(), requestId, data }),
    review: (requestId: string, data: Data<typeof reviewRequest>) => reviewRequest({ ...on(), requestId, data }),
    comment: (requestId: string, data: Data<typeof commentOnRequest>) => commentOnRequest({ ...on(), requestId, data }),
    get: (requestId: string) => getRequest({ ...on(), requestId }),
    list: () => listRequests({ ...on(), query: { limit: 10 } }),
  };
}

describe("evidence requests", () => {
  it("runs open → answered → returned → answered → accepted, with a thread and an activity event per step", async () => {
    const w = await world();
    const auditor = as(w, w.auditor);
    const owner = as(w, w.owner);
    const bystander = as(w, w.bystander);
    const request = await auditor.raise({
      title: "Quarterly access reviews",
      detail: "All four reviews in the window.",
      requirementRef: "CC6.2",
      dueAt: "2026-07-20",
    });
    expect(request.status).toBe("OPEN");
    expect(request.dueAt?.toISOString()).toBe("2026-07-20T23:59:59.999Z");

    await as(w, w.lead).assign(request.id, { ownerId: w.owner.id });
    // The owner (an engineer, without access to the rest of the audit) sees and answers their request.
    const mine = await owner.list();
    expect(mine.items.map((r) => r.id)).toEqual([request.id]);
    await expect(bystander.get(request.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await bystander.list()).items).toEqual([]);

    await owner.answer(request.id, { evidenceIds: [w.inWindow.id], comment: "Q1 review attached." });
    await auditor.review(request.id, { decision: "return", comment: "Q2 review is missing." });
    await owner.answer(request.id, { comment: "Q2 review was skipped; see backlog item GOV-7." });
    await auditor.comment(request.id, { body: "Noted as an exception." });
    await auditor.review(request.id, { decision: "accept" });

    const detail = await auditor.get(request.id);
    expect(detail.status).toBe("ACCEPTED");
    expect(detail.requirement?.refId).toBe("CC6.2");
    expect(detail.evidence.map((e) => e.title)).toEqual(["Q1 access review"]);
    expect(detail.comments.map((c) => [c.kind, c.body])).toEqual([
      ["assign", `Assigned to ${w.owner.email}.`],
      ["answer", "Q1 review attached."],
      ["return", "Q2 review is missing."],
      ["answer", "Q2 review was skipped; see backlog item GOV-7."],
      ["comment", "Noted as an exception."],
      ["accept", "Accepted."],
    ]);
    const actions = await prisma.activityEvent.findMany({
      where: { entityId: request.id },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true, summary: true },
    });
    expect(actions.map((e) => e.action)).toEqual([
      "request.raise",
      "request.assign",
      "request.answer",
      "request.return",
      "request.answer",
      "request.comment",
      "request.accept",
    ]);
    expect(actions.every((e) => (e.summary as { auditId?: string }).auditId === w.audit.id)).toBe(true);
  });

  it("refuses evidence outside the audit's window or projects, an answer from someone else, and a review before an answer, changing nothing", async () => {
    const w = await world();
    const auditor = as(w, w.auditor);
    const request = await auditor.raise({ title: "Backups", controlKey: "BCK-01" });
    await as(w, w.lead).assign(request.id, { ownerId: w.owner.id });
    const before = await prisma.activityEvent.count();

    const outside = await as(w, w.owner)
      .answer(request.id, { evidenceIds: [w.inWindow.id, w.outside.id] })
      .catch((e) => e);
    expect(outside).toBeInstanceOf(InvalidInputError);
    expect(outside.issues[0].message).toBe(`Not in this audit's projects and window: ${w.outside.id}`);
    await expect(as(w, w.bystander).answer(request.id, { comment: "me too" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(auditor.answer(request.id, { comment: "self-answer" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(auditor.review(request.id, { decision: "accept" })).rejects.toBeInstanceOf(ConflictError);
    const noReason = await auditor.review(request.id, { decision: "return" }).catch((e) => e);
    expect(noReason.issues).toEqual([{ path: "comment", message: "Say why the answer is returned" }]);

    expect(await prisma.evidenceRequestEvidence.count({ where: { requestId: request.id } })).toBe(0);
    expect((await prisma.evidenceRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("OPEN");
    expect(await prisma.activityEvent.count()).toBe(before);
  });

  it("checks what a request is raised against, and refuses writes once the audit is closed", async () => {
    const w = await world();
    const auditor = as(w, w.auditor);
    const bad = await auditor.raise({ title: "Nope", requirementRef: "Art. 32" }).catch((e) => e);
    expect(bad.issues).toEqual([
      { path: "requirementRef", message: `No requirement "Art. 32" in this audit's framework` },
    ]);
    const both = await auditor.raise({ title: "Both", requirementRef: "CC6.1", controlKey: "ACC-01" }).catch((e) => e);
    expect(both.issues).toEqual([
      { path: "requirementRef", message: "Raise the request against exactly one requirement or one control" },
    ]);
    await expect(as(w, w.lead).raise({ title: "Lead raising", requirementRef: "CC6.1" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );

    await updateAudit({ ctx: ctxOf(w.lead), auditId: w.audit.id, data: { status: "CLOSED" } });
    const closed = await auditor.raise({ title: "Late", requirementRef: "CC6.1" }).catch((e) => e);
    expect(closed).toBeInstanceOf(ConflictError);
    expect(closed.message).toMatch(/is closed/);
    expect(await prisma.evidenceRequest.count({ where: { auditId: w.audit.id } })).toBe(0);
  });

  it("exports the request list with statuses as CSV", async () => {
    const w = await world();
    const auditor = as(w, w.auditor);
    const first = await auditor.raise({ title: '=HYPERLINK("x")', requirementRef: "CC6.1", dueAt: "2026-07-01" });
    const second = await auditor.raise({ title: 'Change approvals, with "quotes"', controlKey: "CHG-01" });
    await as(w, w.lead).answer(second.id, { evidenceIds: [w.inWindow.id] });
    const csv = await exportRequestsCsv({ ctx: ctxOf(w.auditor), auditId: w.audit.id, now: NOW });
    const rows = parse(csv.body, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual(REQUESTS_CSV_HEADER);
    expect(rows.map((r) => [r.request_id, r.status, r.requirement, r.control, r.overdue, r.evidence_count])).toEqual([
      [first.id, "OPEN", "CC6.1", "", "yes", "0"],
      [second.id, "ANSWERED", "", "CHG-01", "no", "1"],
    ]);
    expect(rows[0].title).toBe(`'=HYPERLINK("x")`);
    expect(rows[1].title).toBe('Change approvals, with "quotes"');
    expect(rows[1].evidence_sha256).toBe(`id:${w.inWindow.id}`);
  });
});
