import { prisma } from "@/lib/db";
import { actingUserId, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { notReady } from "@/lib/audits/population-build";
import { validate } from "@/lib/api/validate";
import { accessibleAudit } from "@/lib/audits/audit-access";
import { membersAt, populationSizeAndDigest } from "@/lib/audits/population-query";
import { parseDefinition } from "@/lib/audits/population-definition";
import { newSeed, samplePositions } from "@/lib/audits/sample-algorithm";
import { ZSampleCreate, type TSampleCreate } from "@/lib/schemas/audit";

export interface DrawSampleOptions {
  ctx: RequestCtx;
  auditId: string;
  populationId: string;
  /** Validated here (after the audit gate) against the SampleCreate schema. */
  data: TSampleCreate | unknown;
  now: Date;
}

/**
 * Draws a sample of N members from a population with a seed (given, or generated and recorded).
 * The population is re-read first: if its members changed since it was defined (late data arrived),
 * the draw is refused, because the same seed would then no longer give the same sample.
 */
export async function drawSample({ ctx, auditId, populationId, data, now }: DrawSampleOptions) {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "population:create", write: true });
  const input = validate(ZSampleCreate, data, "");
  const population = await prisma.population.findFirst({
    where: { id: populationId, auditId: audit.id },
    select: { id: true, filter: true, size: true, digest: true, status: true },
  });
  if (!population) throw new NotFoundError("There is no such population on this audit.");
  if (population.status !== "READY") throw new ConflictError(notReady(population.status));
  if (input.size > population.size) {
    throw new InvalidInputError(`size: the population has only ${population.size} member(s)`, [
      { path: "size", message: `The population has only ${population.size} member(s)` },
    ]);
  }
  const { filter, scope } = parseDefinition(population.filter);
  const seed = input.seed ?? newSeed();
  const createdById = actingUserId(ctx.actor) ?? "system";
  return prisma.$transaction(async (tx) => {
    const current = await populationSizeAndDigest(tx, filter, scope);
    if (current.digest !== population.digest) {
      throw new ConflictError(
        `The population has changed since it was defined (${population.size} then, ${current.size} now). Define it again to sample the current data.`,
      );
    }
    const positions = samplePositions(population.size, input.size, seed);
    const members = (await membersAt(tx, filter, scope, positions)).map((m) => m.key);
    const sample = await tx.sample.create({
      data: {
        populationId: population.id,
        seed,
        size: input.size,
        members,
        populationSize: population.size,
        populationDigest: population.digest,
        createdById,
      },
      select: { id: true, seed: true, size: true, members: true, createdAt: true },
    });
    await recordActivity(tx, {
      ctx,
      action: "sample.draw",
      entityType: "Sample",
      entityId: sample.id,
      summary: {
        auditId: audit.id,
        populationId: population.id,
        seed,
        size: input.size,
        populationSize: population.size,
      },
    });
    return sample;
  });
}
