import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { accessibleAudit } from "@/lib/audits/audit-access";
import { POPULATION_SELECT, SAMPLE_ORDER } from "@/lib/audits/population-build";
import { describeDefinition } from "@/lib/audits/population-definition";

export interface ListPopulationsOptions {
  ctx: RequestCtx;
  auditId: string;
  now: Date;
}

/** The audit's populations with their defining filter, size and samples, oldest first. */
export async function listPopulations({ ctx, auditId, now }: ListPopulationsOptions) {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "population:read" });
  const rows = await prisma.population.findMany({
    where: { auditId: audit.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
    select: {
      ...POPULATION_SELECT,
      samples: {
        orderBy: SAMPLE_ORDER,
        select: { id: true, seed: true, size: true, populationSize: true, createdAt: true },
      },
    },
  });
  const controls = await prisma.control.findMany({
    where: { id: { in: rows.flatMap((r) => (r.controlId ? [r.controlId] : [])) } },
    select: { id: true, key: true, title: true },
  });
  // Size and digest mean something once the worker has counted the population (status READY).
  return rows.map(({ filter, ...r }) => ({
    ...r,
    size: r.status === "READY" ? r.size : null,
    digest: r.status === "READY" ? r.digest : null,
    definition: describeDefinition(filter),
    control: controls.find((c) => c.id === r.controlId) ?? null,
  }));
}
