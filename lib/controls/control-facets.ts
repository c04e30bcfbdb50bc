import { prisma } from "@/lib/db";
import { assertCan, can, type RequestCtx } from "@/lib/auth/actor";
import { compareFrameworks } from "@/lib/catalogue/builtin";
import { familyNames, familyOf } from "@/lib/controls/starter-library";
import { projectAccessWhere } from "@/lib/core/access/project-access";

export interface ControlFacets {
  frameworks: Array<{ key: string; name: string }>;
  families: Array<{ prefix: string; name: string }>;
  owners: Array<{ id: string; name: string }>;
  projects: Array<{ slug: string; name: string }>;
  /** People who may own a control (active, not auditors): only for those who manage controls. */
  assignable: Array<{ id: string; name: string; email: string }>;
}

/** The values the control filters and forms offer. */
export async function controlFacets({ ctx }: { ctx: RequestCtx }): Promise<ControlFacets> {
  assertCan(ctx.actor, "control:read");
  const manage = can(ctx.actor, "control:manage");
  const [frameworks, keys, owners, projects, assignable] = await Promise.all([
    prisma.framework.findMany({ select: { key: true, name: true } }),
    prisma.control.findMany({ select: { key: true } }),
    prisma.user.findMany({
      where: { ownedControls: { some: {} } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    prisma.project.findMany({
      where: { AND: [projectAccessWhere(ctx.actor), { archivedAt: null }] },
      select: { slug: true, name: true },
      orderBy: { name: "asc" },
    }),
    manage
      ? prisma.user.findMany({
          where: { active: true, role: { not: "AUDITOR" } },
          select: { id: true, name: true, email: true },
          orderBy: { name: "asc" },
        })
      : Promise.resolve([]),
  ]);
  const names = familyNames();
  const prefixes = [...new Set(keys.map((k) => familyOf(k.key)))].sort();
  return {
    frameworks: frameworks.sort(compareFrameworks),
    families: prefixes.map((prefix) => ({ prefix, name: names[prefix] ?? prefix })),
    owners,
    projects,
    assignable,
  };
}
