import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { familyOf } from "@/lib/controls/starter-library";
import { groupMappings } from "@/lib/controls/list-controls";
import { compareFrameworks } from "@/lib/catalogue/builtin";

export interface MatrixOptions {
  ctx: RequestCtx;
  family?: string;
  includeArchived?: boolean;
}

export interface Matrix {
  frameworks: Array<{ key: string; name: string }>;
  rows: Array<{
    key: string;
    family: string;
    title: string;
    frequency: string;
    owner: string | null;
    archived: boolean;
    description: string;
    expectations: Array<{ kind: string; freshnessDays: number }>;
    cells: Record<string, string[]>;
  }>;
}

/** Controls × frameworks, with the requirement ids each control serves in each framework. */
export async function mappingMatrix({ ctx, family, includeArchived = false }: MatrixOptions): Promise<Matrix> {
  assertCan(ctx.actor, "control:read");
  const [frameworks, controls] = await Promise.all([
    prisma.framework.findMany({ select: { key: true, name: true } }).then((list) => list.sort(compareFrameworks)),
    prisma.control.findMany({
      where: {
        AND: [includeArchived ? {} : { archivedAt: null }, family ? { key: { startsWith: `${family}-` } } : {}],
      },
      orderBy: { key: "asc" },
      select: {
        key: true,
        title: true,
        description: true,
        frequency: true,
        archivedAt: true,
        owner: { select: { email: true } },
        expectations: { select: { kind: true, freshnessDays: true }, orderBy: { kind: "asc" } },
        mappings: {
          where: { requirement: { retiredAt: null } },
          select: { requirement: { select: { refId: true, position: true, framework: { select: { key: true } } } } },
        },
      },
    }),
  ]);
  return {
    frameworks,
    rows: controls.map((c) => ({
      key: c.key,
      family: familyOf(c.key),
      title: c.title,
      frequency: c.frequency,
      owner: c.owner?.email ?? null,
      archived: c.archivedAt !== null,
      description: c.description,
      expectations: c.expectations,
      cells: groupMappings(c.mappings.map((m) => m.requirement)),
    })),
  };
}
