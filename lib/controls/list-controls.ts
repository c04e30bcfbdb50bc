import { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import type { Prisma } from "@/generated/prisma/client";
import type { EvidenceKind, Frequency } from "@/generated/prisma/enums";
import { InvalidInputError } from "@/lib/errors";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import { resolveProject } from "@/lib/core/access/resolve-project";
import type { TControlListQuery } from "@/lib/schemas/control";
import { familyOf } from "@/lib/controls/starter-library";

export interface ControlRow {
  id: string;
  key: string;
  family: string;
  title: string;
  frequency: Frequency;
  owner: { id: string; name: string } | null;
  archivedAt: Date | null;
  updatedAt: Date;
  expectations: Array<{ kind: EvidenceKind; freshnessDays: number }>;
  /** Requirement ids per framework key, in catalogue order. */
  mappings: Record<string, string[]>;
  /** Present when the list is for a project. */
  applicability?: { notApplicable: boolean; justification: string | null };
}

export interface ControlPage extends Page<ControlRow> {
  project: { slug: string; name: string; frameworks: string[] } | null;
}

export interface ListControlsOptions {
  ctx: RequestCtx;
  query: TControlListQuery;
}

/**
 * The control library, filtered, sorted and paginated by cursor (the key of the last row; keys are
 * unique, so they also break ties). With a project, only controls mapped to that project's
 * frameworks are listed, each with its applicability there.
 */
export async function listControls({ ctx, query }: ListControlsOptions): Promise<ControlPage> {
  assertCan(ctx.actor, "control:read");
  if (query.applicability && !query.project) {
    throw new InvalidInputError("query.applicability: choose a project to filter by applicability", [
      { path: "query.applicability", message: "choose a project to filter by applicability" },
    ]);
  }
  const project = query.project ? await projectScope(ctx, query.project) : null;
  const cursor = decodeCursor(query.cursor, z.string().min(1).max(20));
  const and: Prisma.ControlWhereInput[] = [];
  if (query.archived === "exclude") and.push({ archivedAt: null });
  if (query.archived === "only") and.push({ archivedAt: { not: null } });
  if (query.q) {
    const q = query.q;
    and.push({
      OR: [
        { key: { contains: q, mode: "insensitive" } },
        { title: { contains: q, mode: "insensitive" } },
        { description: { contains: q, mode: "insensitive" } },
      ],
    });
  }
  if (query.framework)
    and.push({ mappings: { some: { requirement: { retiredAt: null, framework: { key: query.framework } } } } });
  if (query.family) and.push({ key: { startsWith: `${query.family}-` } });
  if (query.owner) and.push({ ownerId: query.owner === "none" ? null : query.owner });
  if (query.frequency) and.push({ frequency: query.frequency });
  if (project) {
    and.push({ mappings: { some: { requirement: { retiredAt: null, frameworkId: { in: project.frameworkIds } } } } });
    if (query.applicability === "not-applicable")
      and.push({ projects: { some: { projectId: project.id, notApplicable: true } } });
    if (query.applicability === "applicable")
      and.push({ projects: { none: { projectId: project.id, notApplicable: true } } });
  }

  const dir = query.dir;
  const orderBy: Prisma.ControlOrderByWithRelationInput[] = {
    key: [{ key: dir }],
    title: [{ title: dir }, { key: "asc" }],
    frequency: [{ frequency: dir }, { key: "asc" }],
    owner: [{ owner: { name: dir } }, { key: "asc" }],
    updated: [{ updatedAt: dir }, { key: "asc" }],
  }[query.sort] as Prisma.ControlOrderByWithRelationInput[];

  const rows = await prisma.control.findMany({
    where: { AND: and },
    orderBy,
    take: query.limit + 1,
    ...(cursor ? { cursor: { key: cursor }, skip: 1 } : {}),
    select: {
      id: true,
      key: true,
      title: true,
      frequency: true,
      archivedAt: true,
      updatedAt: true,
      owner: { select: { id: true, name: true } },
      expectations: { select: { kind: true, freshnessDays: true }, orderBy: { kind: "asc" } },
      mappings: {
        where: { requirement: { retiredAt: null } },
        select: { requirement: { select: { refId: true, position: true, framework: { select: { key: true } } } } },
      },
      ...(project
        ? { projects: { where: { projectId: project.id }, select: { notApplicable: true, justification: true } } }
        : {}),
    },
  });
  const page = toPage(rows, query.limit, (last) => last.key);
  return {
    project: project ? { slug: project.slug, name: project.name, frameworks: project.frameworkKeys } : null,
    nextCursor: page.nextCursor,
    items: page.items.map((r) => {
      const pc = (r as { projects?: Array<{ notApplicable: boolean; justification: string | null }> }).projects?.[0];
      return {
        id: r.id,
        key: r.key,
        family: familyOf(r.key),
        title: r.title,
        frequency: r.frequency,
        owner: r.owner,
        archivedAt: r.archivedAt,
        updatedAt: r.updatedAt,
        expectations: r.expectations,
        mappings: groupMappings(r.mappings.map((m) => m.requirement)),
        ...(project
          ? { applicability: { notApplicable: pc?.notApplicable ?? false, justification: pc?.justification ?? null } }
          : {}),
      };
    }),
  };
}

export function groupMappings(
  reqs: Array<{ refId: string; position: number; framework: { key: string } }>,
): Record<string, string[]> {
  const out: Record<string, Array<{ refId: string; position: number }>> = {};
  for (const r of reqs) (out[r.framework.key] ??= []).push(r);
  return Object.fromEntries(
    Object.entries(out).map(([k, list]) => [k, list.sort((a, b) => a.position - b.position).map((r) => r.refId)]),
  );
}

async function projectScope(ctx: RequestCtx, slug: string) {
  const project = await resolveProject({ ctx, slug });
  const frameworks = await prisma.projectFramework.findMany({
    where: { projectId: project.id },
    select: { framework: { select: { id: true, key: true } } },
  });
  return {
    id: project.id,
    slug: project.slug,
    name: project.name,
    frameworkIds: frameworks.map((f) => f.framework.id),
    frameworkKeys: frameworks.map((f) => f.framework.key).sort(),
  };
}
