import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { NotFoundError } from "@/lib/errors";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { refreshExpiry } from "@/lib/evidence/file-evidence";

export interface MapEvidenceControlOptions {
  ctx: RequestCtx;
  projectSlug: string;
  evidenceId: string;
  controlKey: string;
}

async function find(
  tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0],
  projectId: string,
  opts: MapEvidenceControlOptions,
) {
  const [evidence, control] = await Promise.all([
    tx.evidence.findFirst({
      where: { id: opts.evidenceId, projectId },
      select: { id: true, kind: true, outcome: true, effectiveAt: true, collectedAt: true },
    }),
    tx.control.findUnique({ where: { key: opts.controlKey }, select: { id: true, key: true, archivedAt: true } }),
  ]);
  if (!evidence) throw new NotFoundError(`Project "${opts.projectSlug}" has no evidence ${opts.evidenceId}.`);
  if (!control || control.archivedAt) throw new NotFoundError(`There is no active control "${opts.controlKey}".`);
  return { evidence, control };
}

/** Files evidence under a control by hand. A filing a rule made becomes a manual one (rules no longer move it). */
export async function mapEvidenceControl(opts: MapEvidenceControlOptions) {
  const { ctx } = opts;
  const project = await resolveProject({ ctx, slug: opts.projectSlug, permission: "evidence:write" });
  return prisma.$transaction(async (tx) => {
    const { evidence, control } = await find(tx, project.id, opts);
    const existing = await tx.evidenceControl.findUnique({
      where: { evidenceId_controlId: { evidenceId: evidence.id, controlId: control.id } },
      select: { via: true },
    });
    if (existing?.via === "manual")
      return { evidenceId: evidence.id, control: control.key, via: "manual", changed: false };
    await tx.evidenceControl.upsert({
      where: { evidenceId_controlId: { evidenceId: evidence.id, controlId: control.id } },
      update: { via: "manual", ruleId: null },
      create: {
        evidenceId: evidence.id,
        controlId: control.id,
        projectId: project.id,
        kind: evidence.kind,
        outcome: evidence.outcome,
        effectiveAt: evidence.effectiveAt,
        collectedAt: evidence.collectedAt,
        via: "manual",
      },
    });
    await refreshExpiry(tx, [evidence.id]);
    await recordActivity(tx, {
      ctx,
      action: "evidence.map",
      entityType: "Evidence",
      entityId: evidence.id,
      projectId: project.id,
      summary: { control: control.key, before: existing?.via ?? null },
    });
    return { evidenceId: evidence.id, control: control.key, via: "manual", changed: true };
  });
}

/** Takes evidence off a control (whether a rule or a person filed it there). */
export async function unmapEvidenceControl(opts: MapEvidenceControlOptions) {
  const { ctx } = opts;
  const project = await resolveProject({ ctx, slug: opts.projectSlug, permission: "evidence:write" });
  return prisma.$transaction(async (tx) => {
    const { evidence, control } = await find(tx, project.id, opts);
    const existing = await tx.evidenceControl.findUnique({
      where: { evidenceId_controlId: { evidenceId: evidence.id, controlId: control.id } },
      select: { via: true, ruleId: true },
    });
    if (!existing) throw new NotFoundError(`This evidence is not filed under ${control.key}.`);
    await tx.evidenceControl.delete({
      where: { evidenceId_controlId: { evidenceId: evidence.id, controlId: control.id } },
    });
    await refreshExpiry(tx, [evidence.id]);
    await recordActivity(tx, {
      ctx,
      action: "evidence.unmap",
      entityType: "Evidence",
      entityId: evidence.id,
      projectId: project.id,
      summary: { control: control.key, was: existing.via },
    });
    return { evidenceId: evidence.id, control: control.key, removed: true };
  });
}
