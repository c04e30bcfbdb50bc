import { prisma, type Tx } from "@/lib/db";
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

async function find(tx: Tx, projectId: string, opts: MapEvidenceControlOptions) {
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

type Found = Awaited<ReturnType<typeof find>>;

/**
 * Runs `work` in one transaction on the evidence, the active control and the filing between them (null
 * when there is none), in a project the actor may write evidence in. `changed` ends a change: it
 * refreshes the evidence's expiry and records the change.
 */
async function withFiling<T>(
  opts: MapEvidenceControlOptions,
  work: (
    f: Found & {
      tx: Tx;
      projectId: string;
      where: { evidenceId_controlId: { evidenceId: string; controlId: string } };
      existing: { via: string } | null;
      changed: (action: string, summary: Record<string, unknown>) => Promise<void>;
    },
  ) => Promise<T>,
): Promise<T> {
  const { ctx } = opts;
  const project = await resolveProject({ ctx, slug: opts.projectSlug, permission: "evidence:write" });
  return prisma.$transaction(async (tx) => {
    const { evidence, control } = await find(tx, project.id, opts);
    const where = { evidenceId_controlId: { evidenceId: evidence.id, controlId: control.id } };
    const existing = await tx.evidenceControl.findUnique({ where, select: { via: true } });
    const changed = async (action: string, summary: Record<string, unknown>) => {
      await refreshExpiry(tx, [evidence.id]);
      await recordActivity(tx, {
        ctx,
        action,
        entityType: "Evidence",
        entityId: evidence.id,
        projectId: project.id,
        summary: { control: control.key, ...summary },
      });
    };
    return work({ tx, projectId: project.id, evidence, control, where, existing, changed });
  });
}

/** Files evidence under a control by hand. A filing a rule made becomes a manual one (rules no longer move it). */
export function mapEvidenceControl(opts: MapEvidenceControlOptions) {
  return withFiling(opts, async ({ tx, projectId, evidence, control, where, existing, changed }) => {
    if (existing?.via === "manual")
      return { evidenceId: evidence.id, control: control.key, via: "manual", changed: false };
    await tx.evidenceControl.upsert({
      where,
      update: { via: "manual", ruleId: null },
      create: {
        evidenceId: evidence.id,
        controlId: control.id,
        projectId,
        kind: evidence.kind,
        outcome: evidence.outcome,
        effectiveAt: evidence.effectiveAt,
        collectedAt: evidence.collectedAt,
        via: "manual",
      },
    });
    await changed("evidence.map", { before: existing?.via ?? null });
    return { evidenceId: evidence.id, control: control.key, via: "manual", changed: true };
  });
}

/** Takes evidence off a control (whether a rule or a person filed it there). */
export function unmapEvidenceControl(opts: MapEvidenceControlOptions) {
  return withFiling(opts, async ({ tx, evidence, control, where, existing, changed }) => {
    if (!existing) throw new NotFoundError(`This evidence is not filed under ${control.key}.`);
    await tx.evidenceControl.delete({ where });
    await changed("evidence.unmap", { was: existing.via });
    return { evidenceId: evidence.id, control: control.key, removed: true };
  });
}
