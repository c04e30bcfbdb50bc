import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { toFrameworkFile } from "@/lib/catalogue/framework-file";
import { REQUIREMENT_ROW_SELECT } from "@/lib/catalogue/plan-catalogue";
import type { RequirementLevel, TFrameworkFile } from "@/lib/schemas/catalogue";

export interface ExportFrameworkOptions {
  ctx: RequestCtx;
  key: string;
}

/**
 * A framework as a file in the import format: its live requirements in catalogue order, and under
 * each the keys of the live controls mapped to it. Importing the result gives the same framework back.
 */
export async function exportFramework({ ctx, key }: ExportFrameworkOptions): Promise<TFrameworkFile> {
  assertCan(ctx.actor, "framework:read");
  const framework = await prisma.framework.findUnique({
    where: { key },
    select: { id: true, key: true, name: true, version: true, description: true },
  });
  if (!framework) throw new NotFoundError(`There is no framework "${key}".`);
  const rows = await prisma.requirement.findMany({
    where: { frameworkId: framework.id, retiredAt: null },
    orderBy: { position: "asc" },
    select: {
      ...REQUIREMENT_ROW_SELECT,
      mappings: { where: { control: { archivedAt: null } }, select: { control: { select: { key: true } } } },
    },
  });
  const refOf = new Map(rows.map((r) => [r.id, r.refId]));
  return toFrameworkFile({
    key: framework.key,
    name: framework.name,
    version: framework.version,
    description: framework.description,
    requirements: rows.map((r, position) => ({
      refId: r.refId,
      parentRefId: (r.parentId && refOf.get(r.parentId)) || null,
      level: r.level as RequirementLevel,
      assessable: r.assessable,
      title: r.title,
      summary: r.summary,
      evidenceHint: r.evidenceHint,
      position,
      defaultNotApplicableReason: r.defaultNotApplicableReason,
      controls: r.mappings.map((m) => m.control.key),
    })),
  });
}
