import { z } from "zod";
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/pagination";
import { accessibleAudit } from "@/lib/audits/audit-access";
import { POPULATION_SELECT, SAMPLE_ORDER } from "@/lib/audits/population-build";
import { MEMBER_COLUMNS, memberPage, membersByKey } from "@/lib/audits/population-query";
import { describeDefinition, parseDefinition } from "@/lib/audits/population-definition";

export interface GetPopulationOptions {
  ctx: RequestCtx;
  auditId: string;
  populationId: string;
  now: Date;
  query: { cursor?: string; limit: number };
}

const ZAfter = z.object({ at: z.string(), key: z.string(), position: z.number().int().min(0) });

/** A population: its definition, a page of members in the stable order, and its samples with their members. */
export async function getPopulation({ ctx, auditId, populationId, now, query }: GetPopulationOptions) {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "population:read" });
  const population = await prisma.population.findFirst({
    where: { id: populationId, auditId: audit.id },
    select: {
      ...POPULATION_SELECT,
      samples: {
        orderBy: SAMPLE_ORDER,
        select: {
          id: true,
          seed: true,
          size: true,
          members: true,
          populationSize: true,
          populationDigest: true,
          createdAt: true,
        },
      },
    },
  });
  if (!population) throw new NotFoundError("There is no such population on this audit.");
  const { filter, scope } = parseDefinition(population.filter);
  const base = {
    id: population.id,
    kind: population.kind,
    definition: describeDefinition(population.filter),
    filter,
    status: population.status,
    error: population.error,
    finishedAt: population.finishedAt,
    createdAt: population.createdAt,
    columns: MEMBER_COLUMNS[filter.kind],
  };
  const control = population.controlId
    ? await prisma.control.findUnique({ where: { id: population.controlId }, select: { key: true, title: true } })
    : null;
  // Still being counted by the worker (or failed): no size, members or samples yet.
  if (population.status !== "READY")
    return { ...base, size: null, digest: null, control, members: { items: [], nextCursor: null }, samples: [] };
  const after = decodeCursor(query.cursor, ZAfter);
  const rows = await memberPage(
    prisma,
    filter,
    scope,
    after ? { ...after, at: new Date(after.at) } : undefined,
    query.limit + 1,
  );
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ at: last.at.toISOString(), key: last.key, position: last.position })
      : null;
  const samples = await Promise.all(
    population.samples.map(async (s) => ({
      ...s,
      rows: await membersByKey(prisma, filter, scope, (s.members as string[]).map(String)),
    })),
  );
  return {
    ...base,
    size: population.size,
    digest: population.digest,
    control,
    members: { items, nextCursor },
    samples,
  };
}
