import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/db";
import { can, type RequestCtx } from "@/lib/auth/actor";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import { isAuditorActor, liveGrantWhere } from "@/lib/core/access/auditor-scope";
import { AUDIT_HEADING_SELECT } from "@/lib/audits/audit-select";

export interface AuditListRow {
  id: string;
  name: string;
  status: string;
  framework: { key: string; name: string };
  windowStart: Date;
  windowEnd: Date;
  lead: { name: string; email: string };
  projects: Array<{ slug: string; name: string }>;
  openRequests: number;
  createdAt: Date;
}

export interface ListAuditsOptions {
  ctx: RequestCtx;
  now: Date;
  limit?: number;
  cursor?: string;
}

/**
 * Audits the actor can see, newest first: all of them for leads and admins, only those with a live
 * grant for auditors, none for anyone else (they reach requests assigned to them instead).
 */
export async function listAudits({ ctx, now, limit = 50, cursor }: ListAuditsOptions): Promise<Page<AuditListRow>> {
  let where: Prisma.AuditWhereInput;
  if (isAuditorActor(ctx.actor)) where = { grants: { some: liveGrantWhere(ctx.actor.user.id, now) } };
  else if (ctx.actor.kind !== "token" && can(ctx.actor, "audit:read")) where = {};
  else return { items: [], nextCursor: null };
  const after = decodeCursor(cursor, z.tuple([z.string(), z.string()]));
  const rows = await prisma.audit.findMany({
    where: after
      ? {
          AND: [
            where,
            {
              OR: [{ createdAt: { lt: new Date(after[0]) } }, { createdAt: new Date(after[0]), id: { lt: after[1] } }],
            },
          ],
        }
      : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      ...AUDIT_HEADING_SELECT,
      framework: { select: { key: true, name: true } },
      lead: { select: { name: true, email: true } },
      projects: { select: { project: { select: { slug: true, name: true } } } },
      _count: { select: { requests: { where: { status: { in: ["OPEN", "RETURNED"] } } } } },
    },
  });
  const page = toPage(rows, limit, (last) => [last.createdAt.toISOString(), last.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(({ _count, projects, ...a }) => ({
      ...a,
      projects: projects.map((p) => p.project).sort((x, y) => x.name.localeCompare(y.name)),
      openRequests: _count.requests,
    })),
  };
}
