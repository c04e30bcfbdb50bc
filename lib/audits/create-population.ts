import { prisma } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { actingUserId, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { InvalidInputError, TooManyRequestsError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { accessibleAudit } from "@/lib/audits/audit-access";
import { mappedControlId } from "@/lib/audits/mapped-control";
import { isPointInTime } from "@/lib/core/access/auditor-scope";
import { enqueue } from "@/lib/jobs/enqueue";
import { POPULATION_BUILD_JOB, POPULATION_RATE, POPULATION_STATUS_SELECT } from "@/lib/audits/population-build";
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
 * definition is kept with the audit at once; the worker counts it and takes its digest (a population
 * of audit events can be millions of rows). At most POPULATION_RATE.perWindow a minute per audit.
 */
export async function createPopulation({ ctx, auditId, data, now }: CreatePopulationOptions) {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "population:create", write: true });
  const input = validate(ZPopulationCreate, data, "");
  if (isPointInTime(audit.window)) {
    throw new InvalidInputError(
      "A Type I audit looks at one moment; populations need an observation period (a Type II audit).",
      [{ path: "filter", message: "Populations need an observation period (Type II audit)" }],
    );
  }
  const controlId = input.controlKey ? await mappedControlId(audit.frameworkId, input.controlKey) : null;
  const projects = await prisma.project.findMany({
    where: { id: { in: audit.projectIds } },
    select: { id: true, slug: true },
    orderBy: { id: "asc" },
  });
  const definition: StoredDefinition = {
    filter: input.filter,
    projectIds: projects.map((p) => p.id),
    projects: projects.map((p) => p.slug).sort(),
    windowStart: audit.window.start.toISOString(),
    windowEnd: audit.window.end.toISOString(),
  };
  const createdById = actingUserId(ctx.actor) ?? "system";
  const population = await prisma.$transaction(async (tx) => {
    // Under a lock on the audit, so that concurrent requests cannot all slip under the limit.
    await tx.$queryRaw`SELECT id FROM "Audit" WHERE id = ${audit.id} FOR UPDATE`;
    const since = new Date(now.getTime() - POPULATION_RATE.windowSeconds * 1000);
    const recent = await tx.population.findMany({
      where: { auditId: audit.id, createdAt: { gt: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    if (recent.length >= POPULATION_RATE.perWindow) {
      const retryAfter = Math.max(
        1,
        Math.ceil((recent[0].createdAt.getTime() + POPULATION_RATE.windowSeconds * 1000 - now.getTime()) / 1000),
      );
      throw new TooManyRequestsError(
        `This audit has had ${recent.length} populations defined in the last minute; at most ${POPULATION_RATE.perWindow} a minute are counted. Try again in ${retryAfter} second${retryAfter === 1 ? "" : "s"}.`,
        retryAfter,
      );
    }
    // Counted by the worker (run-population-build.ts): size and digest are filled in there.
    const created = await tx.population.create({
      data: {
        auditId: audit.id,
        kind: input.filter.kind,
        controlId,
        filter: definition as unknown as Prisma.InputJsonValue,
        size: 0,
        digest: "",
        status: "QUEUED",
        createdById,
        createdAt: now,
      },
      select: { id: true, kind: true },
    });
    await recordActivity(tx, {
      ctx,
      action: "population.create",
      entityType: "Population",
      entityId: created.id,
      summary: {
        auditId: audit.id,
        kind: created.kind,
        definition: describeDefinition(definition),
        control: input.controlKey,
      },
    });
    return created;
  });
  try {
    const jobId = await enqueue(
      POPULATION_BUILD_JOB,
      { populationId: population.id },
      { singletonKey: population.id, expireInSeconds: 15 * 60 },
    );
    await prisma.population.update({ where: { id: population.id }, data: { jobId } });
  } catch (err) {
    await prisma.population.update({
      where: { id: population.id },
      data: { status: "FAILED", error: "The population could not be queued; define it again.", finishedAt: new Date() },
    });
    throw err;
  }
  return prisma.population.findUniqueOrThrow({ where: { id: population.id }, select: POPULATION_STATUS_SELECT });
}
