import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { notReady } from "@/lib/audits/population-build";
import { accessibleAudit } from "@/lib/audits/audit-access";
import { populationCsvChunks, sampleCsv } from "@/lib/audits/population-csv";

export interface ExportPopulationOptions {
  ctx: RequestCtx;
  auditId: string;
  populationId: string;
  now: Date;
}

/** Every member of a population as a CSV stream (populations of audit events can be large). */
export async function exportPopulationCsv({ ctx, auditId, populationId, now }: ExportPopulationOptions) {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "population:read" });
  const population = await prisma.population.findFirst({
    where: { id: populationId, auditId: audit.id },
    select: { id: true, kind: true, filter: true, status: true },
  });
  if (!population) throw new NotFoundError("There is no such population on this audit.");
  if (population.status !== "READY") throw new ConflictError(notReady(population.status));
  return {
    filename: `population-${population.kind}-${population.id}.csv`,
    chunks: populationCsvChunks(prisma, population.filter),
  };
}

export interface ExportSampleOptions extends ExportPopulationOptions {
  sampleId: string;
}

/** A sample's members in draw order, with the seed, as CSV. */
export async function exportSampleCsv({ ctx, auditId, populationId, sampleId, now }: ExportSampleOptions) {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "population:read" });
  const sample = await prisma.sample.findFirst({
    where: { id: sampleId, populationId, population: { auditId: audit.id } },
    select: { id: true, seed: true, members: true, population: { select: { kind: true, filter: true } } },
  });
  if (!sample) throw new NotFoundError("There is no such sample on this audit.");
  return {
    filename: `sample-${sample.population.kind}-${sample.id}.csv`,
    body: await sampleCsv(prisma, sample.population.filter, sample),
  };
}
