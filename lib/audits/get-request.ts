import { prisma } from "@/lib/db";
import { can, type RequestCtx } from "@/lib/auth/actor";
import { accessibleRequest } from "@/lib/audits/request-access";
import { evidenceScopeWhere } from "@/lib/core/access/auditor-scope";
import { REQUEST_ROW_SELECT, isOverdue } from "@/lib/audits/list-requests";
import { REQUEST_EVIDENCE_SELECT } from "@/lib/audits/list-answer-candidates";

export interface GetRequestOptions {
  ctx: RequestCtx;
  auditId: string;
  requestId: string;
  now: Date;
}

/** One request with its attached evidence and its thread, and what the actor may do with it. */
export async function getRequest({ ctx, auditId, requestId, now }: GetRequestOptions) {
  const { audit, request, isOwner } = await accessibleRequest({
    ctx,
    auditId,
    requestId,
    now,
    permission: "request:read",
  });
  const row = await prisma.evidenceRequest.findUniqueOrThrow({
    where: { id: request.id },
    select: {
      ...REQUEST_ROW_SELECT,
      detail: true,
      comments: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, authorId: true, kind: true, body: true, createdAt: true },
      },
    },
  });
  const scope = await evidenceScopeWhere(ctx.actor, now);
  const evidence = await prisma.evidence.findMany({
    where: { AND: [{ requests: { some: { requestId: request.id } } }, scope] },
    orderBy: [{ effectiveAt: "desc" }, { id: "asc" }],
    select: { ...REQUEST_EVIDENCE_SELECT, sha256: true },
  });
  const people = new Set([row.raisedById, ...row.comments.map((c) => c.authorId)]);
  const users = await prisma.user.findMany({
    where: { id: { in: [...people] } },
    select: { id: true, name: true, email: true },
  });
  const name = (id: string) => users.find((u) => u.id === id)?.name ?? "System";
  const projects = await prisma.project.findMany({
    where: { id: { in: audit.projectIds } },
    orderBy: { name: "asc" },
    select: { slug: true, name: true },
  });
  const open = audit.status !== "CLOSED";
  const answerable = row.status === "OPEN" || row.status === "RETURNED";
  return {
    ...row,
    overdue: isOverdue(row, now),
    audit: {
      id: audit.id,
      name: audit.name,
      status: audit.status,
      windowStart: audit.window.start,
      windowEnd: audit.window.end,
      projects,
    },
    raisedBy: name(row.raisedById),
    comments: row.comments.map((c) => ({ ...c, author: name(c.authorId) })),
    evidence,
    may: {
      assign: open && can(ctx.actor, "audit:manage"),
      answer: open && answerable && can(ctx.actor, "request:answer") && (isOwner || can(ctx.actor, "audit:manage")),
      review:
        open && row.status === "ANSWERED" && (can(ctx.actor, "request:raise") || can(ctx.actor, "request:review")),
      comment: open,
    },
  };
}
