import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { exerciseScopeWhere } from "@/lib/core/access/auditor-scope";
import { exerciseSchedule } from "@/lib/runbooks/schedule";
import type { ParsedRunbookStep } from "@/lib/import/types";

export interface GetRunbookOptions {
  ctx: RequestCtx;
  slug: string;
  runbookId: string;
  now: Date;
  /** Show this version's steps instead of the current ones. */
  version?: number;
}

export type RunbookDetail = Awaited<ReturnType<typeof getRunbook>>;

/** A runbook with the steps of one version, its version history, exercises and schedule. */
export async function getRunbook({ ctx, slug, runbookId, now, version }: GetRunbookOptions) {
  const project = await resolveProject({ ctx, slug, permission: "runbook:read" });
  // An auditor sees the exercises inside their audit window only (lib/core/access/auditor-scope.ts).
  const exerciseScope = await exerciseScopeWhere(ctx.actor, now);
  const runbook = await prisma.runbook.findFirst({
    where: { id: runbookId, projectId: project.id },
    include: {
      owner: { select: { id: true, name: true } },
      document: { select: { id: true, key: true, title: true } },
      versions: {
        orderBy: { version: "desc" },
        select: { id: true, version: true, title: true, note: true, editedById: true, createdAt: true, steps: true },
      },
      exercises: {
        where: exerciseScope,
        orderBy: { performedAt: "desc" },
        take: 50,
        include: {
          attachments: {
            orderBy: { createdAt: "asc" },
            select: { id: true, filename: true, contentType: true, size: true, sha256: true, createdAt: true },
          },
        },
      },
      controls: {
        orderBy: { createdAt: "asc" },
        select: { control: { select: { id: true, key: true, title: true } } },
      },
    },
  });
  if (!runbook) throw new NotFoundError(`There is no runbook ${runbookId} in ${project.name}.`);
  // A runbook created without steps (or whose version rows were never written) has no versions yet: its
  // current version is shown as an empty one until someone writes the steps. An earlier or later version
  // that does not exist is still not found.
  const wanted = version ?? runbook.currentVersion;
  const shown =
    runbook.versions.find((v) => v.version === wanted) ??
    (runbook.versions.length === 0 && wanted === runbook.currentVersion
      ? { version: wanted, title: runbook.title, note: "No steps written yet", createdAt: runbook.createdAt, steps: [] }
      : null);
  if (!shown) throw new NotFoundError(`This runbook has no version ${wanted}.`);
  const people = await prisma.user.findMany({
    where: {
      id: {
        in: [...runbook.versions.map((v) => v.editedById), ...runbook.exercises.map((e) => e.recordedById)].filter(
          (x): x is string => !!x,
        ),
      },
    },
    select: { id: true, name: true },
  });
  const nameOf = (id: string | null) => people.find((p) => p.id === id)?.name ?? null;
  return {
    ...runbook,
    project: { slug: project.slug, name: project.name },
    shownVersion: {
      version: shown.version,
      title: shown.title,
      note: shown.note,
      createdAt: shown.createdAt,
      steps: shown.steps as unknown as ParsedRunbookStep[],
    },
    versions: runbook.versions.map(({ steps, editedById, ...v }) => ({
      ...v,
      steps: (steps as unknown as ParsedRunbookStep[]).length,
      editedBy: nameOf(editedById),
    })),
    exercises: runbook.exercises.map((e) => ({ ...e, recordedBy: nameOf(e.recordedById) })),
    controls: runbook.controls.map((c) => c.control),
    schedule: exerciseSchedule(
      {
        cadenceDays: runbook.cadenceDays,
        createdAt: runbook.createdAt,
        lastPerformedAt: runbook.exercises[0]?.performedAt ?? null,
      },
      now,
    ),
  };
}
