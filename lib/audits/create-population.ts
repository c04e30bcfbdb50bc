import { prisma } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { InvalidInputError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { accessibleAudit } from "@/lib/audits/audit-access";
import { isPointInTime } from "@/lib/audits/auditor-scope";
import { populationSizeAndDigest } from "@/lib/audits/population-query";
import { describeDefinition, type StoredDefinition } from "@/lib/audits/population-definition";
import { ZPopulationCreate, type TPopulationCreate } from "@/lib/schemas/audit";

export interface CreatePopulationOptions {
  ctx: RequestCtx;
  auditId: string;
  /** Validated here (after the audit gate) against the PopulationCreate schema. */
  data: TPopulationCreate | unknown;
  now: Date;
}

/**
 * Defines a population for testing an event-type control: every merged pull request, main-branch CI
 * run, restore drill or matching audit-log event of the audit's projects inside its window. The
 * definition, size and digest are kept with the audit.
 */
export async function createPopulation({ ctx, auditId, data, now }: CreatePopulationOptions) {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "population:create", write: true });
  const input = validate(ZPopulationCreate, data, "");
  if (isPointInTime(audit.window)) {
    throw new InvalidInputError("A Type I audit looks at one moment; populations need an observation period (a Type II audit).", [
      { path: "filter", message: "Populations need an observation period (Type II audit)" },
    ]);
  }
  let controlId: string | null = null;
  if (input.controlKey) {
    const control = await prisma.control.findFirst({
      where: { key: input.controlKey, archivedAt: null, mappings: { some: { requirement: { frameworkId: audit.frameworkId } } } },
      select: { id: true },
    });
    if (!control) throw new InvalidInputError(`controlKey: no control "${input.controlKey}" is mapped to this audit's framework`, [{ path: "controlKey", message: `No control "${input.controlKey}" is mapped to this audit's framework` }]);
    controlId = control.id;
  }
  const projects = await prisma.project.findMany({ where: { id: { in: audit.projectIds } }, select: { id: true, slug: true }, orderBy: { id: "asc" } });
  const definition: StoredDefinition = {
    filter: input.filter,
    projectIds: projects.map((p) => p.id),
    projects: projects.map((p) => p.slug).sort(),
    windowStart: audit.window.start.toISOString(),
    windowEnd: audit.window.end.toISOString(),
  };
  const scope = { projectIds: definition.projectIds, windowStart: audit.window.start, windowEnd: audit.window.end };
  const createdById = ctx.actor.kind === "user" ? ctx.actor.user.id : "system";
  return prisma.$transaction(async (tx) => {
    const { size, digest } = await populationSizeAndDigest(tx, input.filter, scope);
    const population = await tx.population.create({
      data: { auditId: audit.id, kind: input.filter.kind, controlId, filter: definition as unknown as Prisma.InputJsonValue, size, digest, createdById },
      select: { id: true, kind: true, size: true, digest: true, createdAt: true },
    });
    await recordActivity(tx, {
      ctx,
      action: "population.create",
      entityType: "Population",
      entityId: population.id,
      summary: { auditId: audit.id, kind: population.kind, size, definition: describeDefinition(definition), control: input.controlKey },
    });
    return population;
  });
}
