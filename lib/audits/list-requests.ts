import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/db";
import { actingUserId, assertCan, can, type RequestCtx } from "@/lib/auth/actor";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import { accessibleAudit } from "@/lib/audits/audit-access";
import { isAuditorActor } from "@/lib/core/access/auditor-scope";

/** A request's title, status and dates: what every list of requests shows (the app's, the CSV's) and `isOverdue` reads. */
export const REQUEST_STATUS_SELECT = {
  title: true,
  status: true,
  dueAt: true,
  createdAt: true,
  answeredAt: true,
  reviewedAt: true,
} satisfies Prisma.EvidenceRequestSelect;

export const REQUEST_ROW_SELECT = {
  id: true,
  auditId: true,
  ...REQUEST_STATUS_SELECT,
  raisedById: true,
  requirement: { select: { refId: true, title: true } },
  control: { select: { key: true, title: true } },
  owner: { select: { id: true, name: true, email: true } },
  _count: { select: { evidence: true, comments: true } },
} satisfies Prisma.EvidenceRequestSelect;

export type RequestRow = Prisma.EvidenceRequestGetPayload<{ select: typeof REQUEST_ROW_SELECT }> & { overdue: boolean };

export interface ListRequestsOptions {
  ctx: RequestCtx;
  auditId: string;
  now: Date;
  query: { status?: "OPEN" | "ANSWERED" | "ACCEPTED" | "RETURNED"; mine?: "1"; cursor?: string; limit: number };
}

export function isOverdue(r: { dueAt: Date | null; status: string }, now: Date): boolean {
  return !!r.dueAt && r.dueAt < now && (r.status === "OPEN" || r.status === "RETURNED");
}

/**
 * An audit's request list, newest first. People who can open the audit see every request; an owner
 * without access to the audit (an engineer) sees the requests assigned to them.
 */
export async function listRequests({ ctx, auditId, now, query }: ListRequestsOptions): Promise<Page<RequestRow>> {
  assertCan(ctx.actor, "request:read");
  const userId = actingUserId(ctx.actor);
  const seesAll = isAuditorActor(ctx.actor) || can(ctx.actor, "audit:read");
  if (seesAll) await accessibleAudit({ ctx, auditId, now, permission: "request:read" });
  const after = decodeCursor(query.cursor, z.tuple([z.string(), z.string()]));
  const where: Prisma.EvidenceRequestWhereInput = {
    AND: [
      { auditId },
      seesAll && query.mine !== "1" ? {} : { ownerId: userId ?? "-" },
      query.status ? { status: query.status } : {},
      after
        ? { OR: [{ createdAt: { lt: new Date(after[0]) } }, { createdAt: new Date(after[0]), id: { lt: after[1] } }] }
        : {},
    ],
  };
  const rows = await prisma.evidenceRequest.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: REQUEST_ROW_SELECT,
  });
  const page = toPage(rows, query.limit, (last) => [last.createdAt.toISOString(), last.id]);
  return { ...page, items: page.items.map((r) => ({ ...r, overdue: isOverdue(r, now) })) };
}

/** Open or returned requests assigned to the actor, across audits that are not closed. */
export async function listMyRequests({ ctx, now }: { ctx: RequestCtx; now: Date }) {
  assertCan(ctx.actor, "request:read");
  if (ctx.actor.kind !== "user") return [];
  const rows = await prisma.evidenceRequest.findMany({
    where: { ownerId: ctx.actor.user.id, status: { in: ["OPEN", "RETURNED"] }, audit: { status: { not: "CLOSED" } } },
    orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    take: 200,
    select: { ...REQUEST_ROW_SELECT, audit: { select: { name: true } } },
  });
  return rows.map((r) => ({ ...r, overdue: isOverdue(r, now) }));
}
