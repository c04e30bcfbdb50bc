import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";

export interface ListLinkableControlsOptions {
  ctx: RequestCtx;
  q?: string;
}

/** Current controls of the library matching a search, for the link pickers (at most 20). */
export async function listLinkableControls({ ctx, q }: ListLinkableControlsOptions) {
  assertCan(ctx.actor, "control:read");
  const term = q?.trim();
  return prisma.control.findMany({
    where: {
      archivedAt: null,
      ...(term
        ? { OR: [{ key: { contains: term, mode: "insensitive" } }, { title: { contains: term, mode: "insensitive" } }] }
        : {}),
    },
    orderBy: { key: "asc" },
    take: 20,
    select: { id: true, key: true, title: true },
  });
}
