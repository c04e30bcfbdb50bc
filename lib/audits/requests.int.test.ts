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
import { ctxOf, makeProject, makeUser } from "@/tests/factories";
import { makeAudit, makeEvidence, makeGrant } from "@/lib/audits/audit-test-data";

const NOW = new Date("2026-07-10T09:00:00Z");

async function world() {
  const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
  const auditor = await makeUser({ role: "AUDITOR" });
  const owner = await makeUser({ role: "ENGINEER" });
  const bystander = await makeUser({ role: "ENGINEER" });
  const project = await makeProject();
  const audit = await makeAudit({
    leadId: lead.id,
    projectIds: [project.id],
    windowStart: new Date("2026-01-01T00:00:00Z"),
    windowEnd: new Date("2026-06-30T23:59:59.999Z"),
  });
  await makeGrant({
    auditId: audit.id,
    userId: auditor.id,
    expiresAt: new Date("2026-09-01T00:00:00Z"),
    grantedById: lead.id,
  });
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

describe("evidence requests", () => {
  it("runs open → answered → returned → answered → accepted, with a thread and an activity event per step", async () => {
    const w = await world();
    const a = ctxOf(w.auditor);
    const request = await raiseRequest({
      ctx: a,
      auditId: w.audit.id,
      data: {
        title: "Quarterly access reviews",
        detail: "All four reviews in the window.",
        requirementRef: "CC6.2",
        dueAt: "2026-07-20",
      },
      now: NOW,
    });
    expect(request.status).toBe("OPEN");
    expect(request.dueAt?.toISOString()).toBe("2026-07-20T23:59:59.999Z");

    await assignRequest({
      ctx: ctxOf(w.lead),
      auditId: w.audit.id,
      requestId: request.id,
      data: { ownerId: w.owner.id },
      now: NOW,
    });
    // The owner (an engineer, without access to the rest of the audit) sees and answers their request.
    const mine = await listRequests({ ctx: ctxOf(w.owner), auditId: w.audit.id, now: NOW, query: { limit: 10 } });
    expect(mine.items.map((r) => r.id)).toEqual([request.id]);
    await expect(
      getRequest({ ctx: ctxOf(w.bystander), auditId: w.audit.id, requestId: request.id, now: NOW }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(
      (await listRequests({ ctx: ctxOf(w.bystander), auditId: w.audit.id, now: NOW, query: { limit: 10 } })).items,
    ).toEqual([]);

    await answerRequest({
      ctx: ctxOf(w.owner),
      auditId: w.audit.id,
      requestId: request.id,
      data: { evidenceIds: [w.inWindow.id], comment: "Q1 review attached." },
      now: NOW,
    });
    await reviewRequest({
      ctx: a,
      auditId: w.audit.id,
      requestId: request.id,
      data: { decision: "return", comment: "Q2 review is missing." },
      now: NOW,
    });
    await answerRequest({
      ctx: ctxOf(w.owner),
      auditId: w.audit.id,
      requestId: request.id,
      data: { comment: "Q2 review was skipped; see backlog item GOV-7." },
      now: NOW,
    });
    await commentOnRequest({
      ctx: a,
      auditId: w.audit.id,
      requestId: request.id,
      data: { body: "Noted as an exception." },
      now: NOW,
    });
    await reviewRequest({ ctx: a, auditId: w.audit.id, requestId: request.id, data: { decision: "accept" }, now: NOW });

    const detail = await getRequest({ ctx: a, auditId: w.audit.id, requestId: request.id, now: NOW });
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
    const request = await raiseRequest({
      ctx: ctxOf(w.auditor),
      auditId: w.audit.id,
      data: { title: "Backups", controlKey: "BCK-01" },
      now: NOW,
    });
    await assignRequest({
      ctx: ctxOf(w.lead),
      auditId: w.audit.id,
      requestId: request.id,
      data: { ownerId: w.owner.id },
      now: NOW,
    });
    const before = await prisma.activityEvent.count();

    const outside = await answerRequest({
      ctx: ctxOf(w.owner),
      auditId: w.audit.id,
      requestId: request.id,
      data: { evidenceIds: [w.inWindow.id, w.outside.id] },
      now: NOW,
    }).catch((e) => e);
    expect(outside).toBeInstanceOf(InvalidInputError);
    expect(outside.issues[0].message).toBe(`Not in this audit's projects and window: ${w.outside.id}`);
    await expect(
      answerRequest({
        ctx: ctxOf(w.bystander),
        auditId: w.audit.id,
        requestId: request.id,
        data: { comment: "me too" },
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      answerRequest({
        ctx: ctxOf(w.auditor),
        auditId: w.audit.id,
        requestId: request.id,
        data: { comment: "self-answer" },
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      reviewRequest({
        ctx: ctxOf(w.auditor),
        auditId: w.audit.id,
        requestId: request.id,
        data: { decision: "accept" },
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    const noReason = await reviewRequest({
      ctx: ctxOf(w.auditor),
      auditId: w.audit.id,
      requestId: request.id,
      data: { decision: "return" },
      now: NOW,
    }).catch((e) => e);
    expect(noReason.issues).toEqual([{ path: "comment", message: "Say why the answer is returned" }]);

    expect(await prisma.evidenceRequestEvidence.count({ where: { requestId: request.id } })).toBe(0);
    expect((await prisma.evidenceRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("OPEN");
    expect(await prisma.activityEvent.count()).toBe(before);
  });

  it("checks what a request is raised against, and refuses writes once the audit is closed", async () => {
    const w = await world();
    const bad = await raiseRequest({
      ctx: ctxOf(w.auditor),
      auditId: w.audit.id,
      data: { title: "Nope", requirementRef: "Art. 32" },
      now: NOW,
    }).catch((e) => e);
    expect(bad.issues).toEqual([
      { path: "requirementRef", message: `No requirement "Art. 32" in this audit's framework` },
    ]);
    const both = await raiseRequest({
      ctx: ctxOf(w.auditor),
      auditId: w.audit.id,
      data: { title: "Both", requirementRef: "CC6.1", controlKey: "ACC-01" },
      now: NOW,
    }).catch((e) => e);
    expect(both.issues).toEqual([
      { path: "requirementRef", message: "Raise the request against exactly one requirement or one control" },
    ]);
    await expect(
      raiseRequest({
        ctx: ctxOf(w.lead),
        auditId: w.audit.id,
        data: { title: "Lead raising", requirementRef: "CC6.1" },
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);

    await updateAudit({ ctx: ctxOf(w.lead), auditId: w.audit.id, data: { status: "CLOSED" } });
    const closed = await raiseRequest({
      ctx: ctxOf(w.auditor),
      auditId: w.audit.id,
      data: { title: "Late", requirementRef: "CC6.1" },
      now: NOW,
    }).catch((e) => e);
    expect(closed).toBeInstanceOf(ConflictError);
    expect(closed.message).toMatch(/is closed/);
    expect(await prisma.evidenceRequest.count({ where: { auditId: w.audit.id } })).toBe(0);
  });

  it("exports the request list with statuses as CSV", async () => {
    const w = await world();
    const first = await raiseRequest({
      ctx: ctxOf(w.auditor),
      auditId: w.audit.id,
      data: { title: '=HYPERLINK("x")', requirementRef: "CC6.1", dueAt: "2026-07-01" },
      now: NOW,
    });
    const second = await raiseRequest({
      ctx: ctxOf(w.auditor),
      auditId: w.audit.id,
      data: { title: 'Change approvals, with "quotes"', controlKey: "CHG-01" },
      now: NOW,
    });
    await answerRequest({
      ctx: ctxOf(w.lead),
      auditId: w.audit.id,
      requestId: second.id,
      data: { evidenceIds: [w.inWindow.id] },
      now: NOW,
    });
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
