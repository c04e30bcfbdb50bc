import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { evidenceScopeWhere } from "@/lib/core/access/auditor-scope";

export interface GetEvidenceOptions {
  ctx: RequestCtx;
  projectSlug: string;
  evidenceId: string;
}

/** One evidence with its summary, source, filing (and why), and any runbook exercise it recorded. */
export async function getEvidence({ ctx, projectSlug, evidenceId }: GetEvidenceOptions) {
  const project = await resolveProject({ ctx, slug: projectSlug, permission: "evidence:read" });
  const evidence = await prisma.evidence.findFirst({
    // Auditors: only evidence inside their granted audits' windows (lib/core/access/auditor-scope.ts).
    where: { AND: [{ id: evidenceId, projectId: project.id }, await evidenceScopeWhere(ctx.actor)] },
    include: {
      controls: {
        select: {
          via: true,
          ruleId: true,
          createdAt: true,
          control: {
            select: { id: true, key: true, title: true, expectations: { select: { kind: true, freshnessDays: true } } },
          },
        },
        orderBy: { control: { key: "asc" } },
      },
    },
  });
  if (!evidence) throw new NotFoundError(`Project "${projectSlug}" has no evidence ${evidenceId}.`);
  const [rules, token, user, exercise, auditEvents] = await Promise.all([
    prisma.evidenceRule.findMany({
      where: { id: { in: evidence.controls.map((c) => c.ruleId).filter((x): x is string => !!x) } },
      select: { id: true, name: true },
    }),
    evidence.tokenId
      ? prisma.apiToken.findUnique({ where: { id: evidence.tokenId }, select: { name: true, prefix: true } })
      : null,
    evidence.userId
      ? prisma.user.findUnique({ where: { id: evidence.userId }, select: { name: true, email: true } })
      : null,
    prisma.runbookExercise.findFirst({
      where: { evidenceId: evidence.id },
      select: { id: true, outcome: true, runbook: { select: { key: true, title: true } } },
    }),
    evidence.kind === "AUDIT_LOG"
      ? prisma.auditEvent.count({ where: { evidenceId: evidence.id } })
      : Promise.resolve(null),
  ]);
  const ruleName = new Map(rules.map((r) => [r.id, r.name]));
  return {
    ...evidence,
    project: { slug: project.slug, name: project.name },
    controls: evidence.controls.map((c) => ({
      key: c.control.key,
      title: c.control.title,
      via: c.via,
      rule: c.ruleId ? { id: c.ruleId, name: ruleName.get(c.ruleId) ?? "(deleted rule)" } : null,
      freshnessDays: c.control.expectations.find((x) => x.kind === evidence.kind)?.freshnessDays ?? null,
      createdAt: c.createdAt,
    })),
    addedBy: token
      ? { type: "token" as const, label: `token ${token.name} (${token.prefix}…)` }
      : user
        ? { type: "user" as const, label: user.name }
        : { type: "system" as const, label: evidence.format.startsWith("github-") ? "GitHub webhook" : "Proofline" },
    exercise,
    auditEvents,
  };
}
