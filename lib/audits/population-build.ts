// Populations are counted, and their digest taken, by the worker: a population of audit-log events
// can be millions of rows, too many to count inside a web request. The request keeps the definition
// and queues the build (create-population.ts); the page polls the status until it is ready.
import { prisma } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import type { JobDefinition } from "@/lib/jobs/types";
import { populationSizeAndDigest } from "@/lib/audits/population-query";
import { parseDefinition } from "@/lib/audits/population-definition";

export const POPULATION_BUILD_JOB = "population-build";

/** How many populations one audit may define in a minute (everyone in the audit together). */
export const POPULATION_RATE = { perWindow: 10, windowSeconds: 60 } as const;

export const POPULATION_STATUS_SELECT = {
  id: true,
  kind: true,
  status: true,
  size: true,
  digest: true,
  error: true,
  createdAt: true,
  finishedAt: true,
} as const;

/** A population as pages, lists and packets read it: its status, the control it tests and its stored definition. */
export const POPULATION_SELECT = { ...POPULATION_STATUS_SELECT, controlId: true, filter: true } as const;

/** Samples are shown in the order they were drawn. */
export const SAMPLE_ORDER: Prisma.SampleOrderByWithRelationInput[] = [{ createdAt: "asc" }, { id: "asc" }];

/**
 * Counts a queued population and takes its digest, in one snapshot of the data. Marks it ready, or
 * failed with a sentence (never the database's own message). A population already built is left alone.
 */
export async function runPopulationBuild(populationId: string): Promise<void> {
  const claimed = await prisma.population.updateMany({
    where: { id: populationId, status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "RUNNING" },
  });
  if (!claimed.count) return;
  const population = await prisma.population.findUniqueOrThrow({
    where: { id: populationId },
    select: { filter: true },
  });
  try {
    const { filter, scope } = parseDefinition(population.filter);
    const { size, digest } = await prisma.$transaction((tx) => populationSizeAndDigest(tx, filter, scope), {
      isolationLevel: "RepeatableRead",
      timeout: 10 * 60 * 1000,
    });
    await prisma.population.update({
      where: { id: populationId },
      data: { size, digest, status: "READY", error: null, finishedAt: new Date() },
    });
  } catch (err) {
    console.error(`[population ${populationId}]`, err);
    await prisma.population.update({
      where: { id: populationId },
      data: { status: "FAILED", error: "Counting the population failed; define it again.", finishedAt: new Date() },
    });
  }
}

/** Population builds: a few at a time per worker (each is one SQL aggregate), up to 15 minutes each. */
export const populationBuildJob: JobDefinition<{ populationId: string }> = {
  name: POPULATION_BUILD_JOB,
  concurrency: 2,
  expireInSeconds: 15 * 60,
  retryLimit: 1,
  run: async ({ populationId }) => runPopulationBuild(populationId),
};

/** Why a population cannot be sampled or exported yet. */
export function notReady(status: "QUEUED" | "RUNNING" | "READY" | "FAILED"): string {
  return status === "FAILED"
    ? "Counting this population failed; define it again."
    : "This population is still being counted by the worker; its page shows when it is ready.";
}

/**
 * Runs a just-queued population's build here and now and returns it ready: for tests, seeds and
 * benchmarks that have no worker running. (The queued job then finds it built and does nothing.)
 */
export async function builtNow<T extends { id: string }>(queued: T | Promise<T>) {
  const { id } = await queued;
  await runPopulationBuild(id);
  return prisma.population.findUniqueOrThrow({ where: { id }, select: POPULATION_STATUS_SELECT });
}
