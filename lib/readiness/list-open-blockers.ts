import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/db";
import { actingUserId, assertCan, type RequestCtx } from "@/lib/auth/actor";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import { links } from "@/lib/readiness/links";
import { visibleProjects } from "@/lib/readiness/visible-projects";
import { auditorViews, openBacklogSql } from "@/lib/core/access/auditor-scope";

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

// The cursor is the last row's opening time (as written by toISOString) and id.
const ZCursor = z.tuple([z.iso.datetime(), z.string()]);

interface Row {
  id: string;
  key: string | null;
  title: string;
  status: string;
  block: string | null;
  createdAt: Date;
  ownerId: string | null;
  ownerName: string | null;
  slug: string;
  projectName: string;
  controls: string[];
}

/**
 * Backlog items of priority BLOCKER that are not done, oldest first: what fails controls right now.
 * One SQL read with the item's owner, project and control keys (Prisma's nested select took four
 * queries and about twice the CPU; it is on every lead's dashboard).
 */
export async function listOpenBlockers({
  ctx,
  now,
  mine,
  cursor,
  limit,
}: ListOpenBlockersOptions): Promise<Page<OpenBlocker>> {
  assertCan(ctx.actor, "backlog:read");
  const after = decodeCursor(cursor, ZCursor);
  const projects = await visibleProjects(ctx, now);
  const userId = actingUserId(ctx.actor);
  const ids = projects.map((p) => p.id);
  const rows = ids.length
    ? await prisma.$queryRaw<Row[]>`
        SELECT b.id, b.key, b.title, b.status::text AS status, b.block, b."createdAt", b."ownerId",
               u.name AS "ownerName", p.slug, p.name AS "projectName",
               ARRAY(SELECT c.key FROM "BacklogItemControl" bc JOIN "Control" c ON c.id = bc."controlId"
                     WHERE bc."itemId" = b.id ORDER BY c.key) AS controls
        FROM "BacklogItem" b
        JOIN "Project" p ON p.id = b."projectId"
        LEFT JOIN "User" u ON u.id = b."ownerId"
        WHERE ${openBacklogSql(ids, await auditorViews(ctx.actor, ids, now, now))}
          AND b.priority = 'BLOCKER'
          AND ${mine ? Prisma.sql`b."ownerId" = ${userId ?? "-"}` : Prisma.sql`TRUE`}
          AND ${after ? Prisma.sql`(b."createdAt", b.id) > (${new Date(after[0])}, ${after[1]})` : Prisma.sql`TRUE`}
        ORDER BY b."createdAt", b.id
        LIMIT ${limit + 1}`
    : [];
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
      owner: r.ownerName,
      mine: !!userId && r.ownerId === userId,
      project: { slug: r.slug, name: r.projectName },
      controls: r.controls.map((key) => ({ key, href: links.control(key) })),
      href: links.backlogItem(r.slug, r.id),
    })),
  };
}
