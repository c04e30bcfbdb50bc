import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { familyOf } from "@/lib/controls/starter-library";
import { compareFrameworks } from "@/lib/catalogue/builtin";
import { projectAccessWhere } from "@/lib/core/access/project-access";
import { evidenceScopeWhere } from "@/lib/core/access/auditor-scope";

export interface GetControlOptions {
  ctx: RequestCtx;
  key: string;
  /** For access checks (an auditor's grant must be live now). */
  now?: Date;
}

/** One control with its expectations, its mappings grouped by framework, and per-project applicability. */
export async function getControl({ ctx, key, now = new Date() }: GetControlOptions) {
  assertCan(ctx.actor, "control:read");
  // What is linked to the control is counted in the projects the actor can see, and evidence, for an
  // auditor, within their audit windows (lib/core/access/auditor-scope.ts).
  const visible = projectAccessWhere(ctx.actor, now);
  const evidenceScope = await evidenceScopeWhere(ctx.actor, now);
  const control = await prisma.control.findUnique({
    where: { key },
    select: {
      id: true,
      key: true,
      title: true,
      description: true,
      frequency: true,
      starter: true,
      customisedAt: true,
      archivedAt: true,
      createdAt: true,
      updatedAt: true,
      owner: { select: { id: true, name: true, email: true } },
      expectations: { select: { kind: true, freshnessDays: true }, orderBy: { kind: "asc" } },
      mappings: {
        select: {
          requirement: {
            select: {
              refId: true,
              title: true,
              position: true,
              retiredAt: true,
              framework: { select: { key: true, name: true } },
            },
          },
        },
      },
      projects: {
        where: { notApplicable: true, project: visible },
        select: { justification: true, updatedAt: true, project: { select: { slug: true, name: true } } },
        orderBy: { project: { name: "asc" } },
      },
      _count: {
        select: {
          evidence: { where: { evidence: { AND: [{ project: visible }, evidenceScope] } } },
          backlogItems: { where: { item: { project: visible } } },
          runbooks: { where: { runbook: { project: visible } } },
        },
      },
    },
  });
  if (!control) throw new NotFoundError(`There is no control ${key}.`);
  const groups = new Map<
    string,
    {
      key: string;
      name: string;
      requirements: Array<{ refId: string; title: string; retired: boolean; position: number }>;
    }
  >();
  for (const { requirement: r } of control.mappings) {
    const g = groups.get(r.framework.key) ?? { key: r.framework.key, name: r.framework.name, requirements: [] };
    g.requirements.push({ refId: r.refId, title: r.title, retired: r.retiredAt !== null, position: r.position });
    groups.set(r.framework.key, g);
  }
  const { projects, _count } = control;
  // Live projects assessed against a framework this control serves: where it has a readiness state.
  const inScope = await prisma.project.findMany({
    where: {
      AND: [
        visible,
        { archivedAt: null },
        {
          frameworks: {
            some: {
              framework: { requirements: { some: { retiredAt: null, mappings: { some: { controlId: control.id } } } } },
            },
          },
        },
      ],
    },
    select: { slug: true, name: true },
    orderBy: { name: "asc" },
  });
  return {
    id: control.id,
    key: control.key,
    title: control.title,
    description: control.description,
    frequency: control.frequency,
    starter: control.starter,
    customisedAt: control.customisedAt,
    archivedAt: control.archivedAt,
    createdAt: control.createdAt,
    updatedAt: control.updatedAt,
    owner: control.owner,
    expectations: control.expectations,
    family: familyOf(control.key),
    mappings: [...groups.values()].sort(compareFrameworks).map((g) => ({
      ...g,
      requirements: g.requirements
        .sort((a, b) => a.position - b.position)
        .map((r) => ({ refId: r.refId, title: r.title, retired: r.retired })),
    })),
    notApplicableIn: projects.map((p) => ({
      slug: p.project.slug,
      name: p.project.name,
      justification: p.justification,
      updatedAt: p.updatedAt,
    })),
    linked: { evidence: _count.evidence, backlogItems: _count.backlogItems, runbooks: _count.runbooks },
    projectsInScope: inScope,
  };
}

export type ControlDetail = Awaited<ReturnType<typeof getControl>>;
