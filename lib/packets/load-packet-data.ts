import { prisma } from "@/lib/db";
import { systemCtx } from "@/lib/auth/actor";
import { computeReadiness } from "@/lib/readiness/compute-readiness";
import { describeReason } from "@/lib/readiness/describe-reason";
import type { ControlResult } from "@/lib/readiness/types";
import { evidenceInWindowWhere, isPointInTime } from "@/lib/core/access/auditor-scope";
import { collectedAfterWindow } from "@/lib/audits/backdating";
import { AUDIT_DETAIL_SELECT } from "@/lib/audits/audit-select";
import { loadWorkspaceData } from "@/lib/packets/load-packet-workspace";
import type { PacketControl, PacketData, PacketEvidence, PacketReadiness } from "@/lib/packets/packet-types";
import { walkRequirementTree } from "@/lib/catalogue/requirement-tree";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * Reads everything the packet shows for an audit: scope, readiness as of the window's end (computed
 * by lib/readiness, the one scoring module), the requirement → control → evidence matrix, per-control
 * detail, exceptions, and the audit workspace (requests, populations, samples, activity).
 */
export async function loadPacketData(auditId: string, requestedById: string): Promise<PacketData> {
  const audit = await prisma.audit.findUniqueOrThrow({
    where: { id: auditId },
    select: {
      ...AUDIT_DETAIL_SELECT,
      projects: {
        select: {
          project: { select: { id: true, slug: true, name: true, frameworks: { select: { frameworkId: true } } } },
        },
      },
    },
  });
  const requester = await prisma.user.findUnique({ where: { id: requestedById }, select: { name: true, email: true } });
  const projects = audit.projects.map((p) => p.project).sort((a, b) => (a.slug < b.slug ? -1 : 1));
  const slugOf = new Map(projects.map((p) => [p.id, p.slug]));
  const window = { start: audit.windowStart, end: audit.windowEnd };
  const at = audit.windowEnd;

  // Readiness as of the window's end, per project, from the one scoring module.
  const ctx = systemCtx("packet");
  const readiness: PacketReadiness[] = [];
  const controlResults = new Map<string, Map<string, ControlResult>>(); // project slug -> control id -> result
  for (const p of projects) {
    const assessed = p.frameworks.some((f) => f.frameworkId === audit.framework.id);
    if (!assessed) {
      readiness.push({
        project: p.slug,
        projectName: p.name,
        assessed,
        score: null,
        met: 0,
        applicable: 0,
        controlCounts: {},
        families: [],
      });
      continue;
    }
    // From the evidence and drills inside the window only, as the auditor's own readiness pages are.
    const { result } = await computeReadiness({
      ctx,
      projectId: p.id,
      at,
      window,
      frameworkKeys: [audit.framework.key],
    });
    const fw = result.frameworks.find((f) => f.key === audit.framework.key)!;
    readiness.push({
      project: p.slug,
      projectName: p.name,
      assessed,
      score: fw.score,
      met: fw.met,
      applicable: fw.applicable,
      controlCounts: fw.controlCounts,
      families: fw.families.map((f) => ({
        refId: f.refId,
        title: f.title,
        met: f.met,
        applicable: f.applicable,
        score: f.score,
      })),
    });
    controlResults.set(p.slug, new Map(result.controls.map((c) => [c.id, c])));
  }

  // The requirements readiness scores, each with the controls that decide it: its own and those
  // mapped to a group above it (lib/catalogue/requirement-tree.ts), in catalogue order.
  const requirementRows = await prisma.requirement.findMany({
    where: { frameworkId: audit.framework.id },
    orderBy: [{ position: "asc" }, { refId: "asc" }],
    select: {
      id: true,
      refId: true,
      title: true,
      parentId: true,
      assessable: true,
      retiredAt: true,
      defaultNotApplicableReason: true,
      mappings: {
        where: { control: { archivedAt: null } },
        select: { control: { select: { key: true, title: true } } },
      },
    },
  });
  const tree = new Map(
    walkRequirementTree(requirementRows.map((r) => ({ ...r, controls: r.mappings.map((m) => m.control) }))).map((e) => [
      e.row.id,
      e,
    ]),
  );
  const requirements = requirementRows.flatMap((r) => {
    const entry = tree.get(r.id);
    return entry?.scored
      ? [{ refId: r.refId, title: r.title, controlKeys: [...entry.inherited, ...entry.row.controls].map((c) => c.key) }]
      : [];
  });
  const controlRows = await prisma.control.findMany({
    where: {
      archivedAt: null,
      mappings: { some: { requirement: { frameworkId: audit.framework.id, retiredAt: null } } },
    },
    orderBy: { key: "asc" },
    select: {
      id: true,
      key: true,
      title: true,
      description: true,
      frequency: true,
      owner: { select: { name: true } },
      mappings: {
        where: { requirement: { frameworkId: audit.framework.id } },
        select: { requirement: { select: { refId: true } } },
      },
      projects: {
        where: { projectId: { in: projects.map((p) => p.id) } },
        select: { projectId: true, notApplicable: true, justification: true },
      },
    },
  });
  const controlKey = new Map(controlRows.map((c) => [c.id, c.key]));

  const evidenceRows = await prisma.evidence.findMany({
    where: evidenceInWindowWhere(
      window,
      projects.map((p) => p.id),
    ),
    orderBy: [{ effectiveAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      projectId: true,
      title: true,
      kind: true,
      format: true,
      outcome: true,
      effectiveAt: true,
      collectedAt: true,
      expiresAt: true,
      createdAt: true,
      sha256: true,
      byteSize: true,
      originalName: true,
      controls: { select: { controlId: true } },
    },
  });
  const evidence: PacketEvidence[] = evidenceRows.map((e) => ({
    id: e.id,
    project: slugOf.get(e.projectId)!,
    title: e.title,
    kind: e.kind,
    format: e.format,
    outcome: e.outcome,
    effectiveAt: e.effectiveAt.toISOString(),
    collectedAt: e.collectedAt.toISOString(),
    collectedAfterWindow: collectedAfterWindow(e.collectedAt, window),
    expiresAt: iso(e.expiresAt),
    sha256: e.sha256,
    byteSize: e.byteSize === null ? null : Number(e.byteSize),
    originalName: e.originalName,
    controlKeys: e.controls.flatMap((c) => (controlKey.has(c.controlId) ? [controlKey.get(c.controlId)!] : [])).sort(),
  }));
  const evidenceByControl = new Map<string, string[]>();
  for (const e of evidenceRows)
    for (const c of e.controls)
      evidenceByControl.set(c.controlId, [...(evidenceByControl.get(c.controlId) ?? []), e.id]);

  const controls: PacketControl[] = controlRows.map((c) => ({
    id: c.id,
    key: c.key,
    title: c.title,
    description: c.description,
    owner: c.owner?.name ?? null,
    frequency: c.frequency,
    requirements: [...new Set(c.mappings.map((m) => m.requirement.refId))].sort(),
    projects: projects.map((p) => {
      const pc = c.projects.find((x) => x.projectId === p.id);
      const r = controlResults.get(p.slug)?.get(c.id);
      return {
        project: p.slug,
        state: r?.state ?? (pc?.notApplicable ? "not_applicable" : "not assessed"),
        justification: pc?.notApplicable ? (pc.justification ?? "") : null,
        reasons: (r?.reasons ?? []).map((reason) => describeReason(reason, at)),
      };
    }),
    evidenceIds: evidenceByControl.get(c.id) ?? [],
  }));

  const workspace = await loadWorkspaceData({
    auditId: audit.id,
    projects,
    window,
    controlIds: controlRows.map((c) => c.id),
    controlKey,
    floor: [audit.updatedAt, ...evidenceRows.map((e) => e.createdAt)],
  });

  return {
    audit: {
      id: audit.id,
      name: audit.name,
      framework: { key: audit.framework.key, name: audit.framework.name, version: audit.framework.version },
      type: isPointInTime(window) ? "TYPE_I" : "TYPE_II",
      windowStart: audit.windowStart.toISOString(),
      windowEnd: audit.windowEnd.toISOString(),
      status: audit.status,
      lead: `${audit.lead.name} <${audit.lead.email}>`,
      projects: projects.map((p) => ({ id: p.id, slug: p.slug, name: p.name })),
    },
    requestedBy: requester ?? { name: "System", email: "system" },
    dataAsOf: workspace.dataAsOf,
    readiness,
    requirements: requirements.map((r) => ({
      refId: r.refId,
      title: r.title,
      controlKeys: [...new Set(r.controlKeys)].sort(),
    })),
    controls,
    evidence,
    exceptions: {
      failing: evidence
        .filter((e) => e.outcome === "FAIL" || e.outcome === "WARN")
        .map((e) => ({
          project: e.project,
          title: e.title,
          kind: e.kind,
          outcome: e.outcome,
          effectiveAt: e.effectiveAt,
          controls: e.controlKeys.join(", "),
        })),
      stale: controls.flatMap((c) =>
        c.projects
          .filter((p) => p.state === "stale")
          .flatMap((p) =>
            (p.reasons.length ? p.reasons : ["No proof in time"]).map((reason) => ({
              project: p.project,
              control: c.key,
              reason,
            })),
          ),
      ),
      notApplicable: controls.flatMap((c) =>
        c.projects
          .filter((p) => p.justification !== null)
          .map((p) => ({ project: p.project, control: c.key, title: c.title, justification: p.justification! })),
      ),
    },
    ...workspace.sections,
  };
}
