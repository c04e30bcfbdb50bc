import { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import { links } from "@/lib/readiness/links";
import { visibleProjects } from "@/lib/readiness/visible-projects";
import { auditorViews, openBacklogWhere } from "@/lib/core/access/auditor-scope";

export interface OpenBlocker {
  id: string;
  key: string | null;
  title: string;
  status: string;
  block: string | null;
  openedAt: Date;
  owner: string | null;
  mine: boolean;
  project: { slug: string; name: string };
  controls: Array<{ key: string; href: string }>;
  href: string;
}

export interface ListOpenBlockersOptions {
  ctx: RequestCtx;
  now: Date;
  /** Only items the signed-in user owns. */
  mine?: boolean;
  cursor?: string;
  limit: number;
}

const ZCursor = z.tuple([z.string(), z.string()]);

/** Backlog items of priority BLOCKER that are not done, oldest first: what fails controls right now. */
export async function listOpenBlockers({
  ctx,
  now,
  mine,
  cursor,
  limit,
}: ListOpenBlockersOptions): Promise<Page<OpenBlocker>> {
  assertCan(ctx.actor, "backlog:read");
  const projects = await visibleProjects(ctx, now);
  const userId = ctx.actor.kind === "user" ? ctx.actor.user.id : null;
  const after = decodeCursor(cursor, ZCursor);
  const ids = projects.map((p) => p.id);
  const rows = await prisma.backlogItem.findMany({
    where: {
      AND: [openBacklogWhere(ids, await auditorViews(ctx.actor, ids, now, now))],
      priority: "BLOCKER",
      ...(mine ? { ownerId: userId ?? "-" } : {}),
      ...(after
        ? { OR: [{ createdAt: { gt: new Date(after[0]) } }, { createdAt: new Date(after[0]), id: { gt: after[1] } }] }
        : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: {
      id: true,
      key: true,
      title: true,
      status: true,
      block: true,
      createdAt: true,
      ownerId: true,
      owner: { select: { name: true } },
      project: { select: { slug: true, name: true } },
      controls: { select: { control: { select: { key: true } } } },
    },
  });
  const page = toPage(rows, limit, (last) => [last.createdAt.toISOString(), last.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      id: r.id,
      key: r.key,
      title: r.title,
      status: r.status,
      block: r.block,
      openedAt: r.createdAt,
      owner: r.owner?.name ?? null,
      mine: !!userId && r.ownerId === userId,
      project: r.project,
      controls: r.controls.map((c) => ({ key: c.control.key, href: links.control(c.control.key) })),
      href: links.backlogItem(r.project.slug, r.id),
    })),
  };
}
