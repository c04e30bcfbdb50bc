import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/db";
import type { ObservationWindow } from "@/lib/core/access/auditor-scope";
import { MEMBER_COLUMNS, membersByKey } from "@/lib/audits/population-query";
import { describeDefinition, parseDefinition } from "@/lib/audits/population-definition";
import { POPULATION_LABELS } from "@/lib/audits/population-query";
import { POPULATION_SELECT, SAMPLE_ORDER } from "@/lib/audits/population-build";
import type { PopulationKind } from "@/lib/schemas/audit";
import type { PacketData } from "@/lib/packets/packet-types";
import { pdfSummary } from "@/lib/packets/pdf/text";

/** The activity excerpt keeps the newest events up to this many. */
export const ACTIVITY_EXCERPT = 400;

interface WorkspaceOptions {
  auditId: string;
  projects: Array<{ id: string; slug: string }>;
  window: ObservationWindow;
  controlIds: string[];
  controlKey: Map<string, string>;
  /** Other moments the data was last changed at (the audit row, evidence rows). */
  floor: Date[];
}

type Sections = Pick<PacketData, "backlog" | "exercises" | "requests" | "populations" | "activity">;

function latest(dates: Array<Date | null | undefined>): Date {
  return new Date(Math.max(0, ...dates.filter((d): d is Date => !!d).map((d) => d.getTime())));
}

function oneLine(value: unknown, max = 160): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Backlog, drills, requests, populations and the activity excerpt, and the moment the data describes. */
export async function loadWorkspaceData(o: WorkspaceOptions): Promise<{ sections: Sections; dataAsOf: string }> {
  const projectIds = o.projects.map((p) => p.id);
  const slugOf = new Map(o.projects.map((p) => [p.id, p.slug]));

  const backlogRows = await prisma.backlogItem.findMany({
    where: {
      projectId: { in: projectIds },
      status: { not: "DONE" },
      controls: { some: { controlId: { in: o.controlIds } } },
    },
    orderBy: [{ projectId: "asc" }, { priority: { sort: "asc", nulls: "last" } }, { key: "asc" }, { id: "asc" }],
    select: {
      projectId: true,
      key: true,
      title: true,
      priority: true,
      status: true,
      updatedAt: true,
      controls: { select: { controlId: true } },
    },
  });
  const exerciseRows = await prisma.runbookExercise.findMany({
    where: { runbook: { projectId: { in: projectIds } }, performedAt: { gte: o.window.start, lte: o.window.end } },
    orderBy: [{ performedAt: "asc" }, { id: "asc" }],
    select: {
      performedAt: true,
      outcome: true,
      measuredRtoSeconds: true,
      measuredRpoSeconds: true,
      createdAt: true,
      runbook: { select: { projectId: true, key: true, title: true, rtoTargetSeconds: true, rpoTargetSeconds: true } },
    },
  });
  const requestRows = await prisma.evidenceRequest.findMany({
    where: { auditId: o.auditId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      detail: true,
      status: true,
      dueAt: true,
      createdAt: true,
      updatedAt: true,
      requirement: { select: { refId: true } },
      control: { select: { key: true } },
      owner: { select: { name: true } },
      evidence: { orderBy: { evidenceId: "asc" }, select: { evidence: { select: { title: true, sha256: true } } } },
      comments: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { authorId: true, kind: true, body: true, createdAt: true },
      },
    },
  });
  const authorIds = [...new Set(requestRows.flatMap((r) => r.comments.map((c) => c.authorId)))];
  const authors = new Map(
    (await prisma.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );

  const populationRows = await prisma.population.findMany({
    // Only populations the worker has counted: one still queued has no size or digest yet.
    where: { auditId: o.auditId, status: "READY" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { ...POPULATION_SELECT, samples: { orderBy: SAMPLE_ORDER } },
  });
  const populations = [];
  for (const p of populationRows) {
    const { filter, scope } = parseDefinition(p.filter);
    const columns = MEMBER_COLUMNS[filter.kind];
    const samples = [];
    for (const s of p.samples) {
      const keys = (s.members as string[]).map(String);
      const rows = new Map((await membersByKey(prisma, filter, scope, keys)).map((r) => [r.key, r]));
      samples.push({
        id: s.id,
        seed: s.seed,
        size: s.size,
        populationSize: s.populationSize,
        createdAt: s.createdAt.toISOString(),
        members: keys.map((key) => {
          const r = rows.get(key);
          const line = r
            ? columns
                .map((c) => r[c])
                .filter((v) => v !== null && v !== undefined)
                .map((v) => (v instanceof Date ? v.toISOString() : String(v)))
                .join(" · ")
            : "(no longer present)";
          return { key, line: oneLine(line, 200) };
        }),
      });
    }
    populations.push({
      id: p.id,
      kind: p.kind,
      label: POPULATION_LABELS[p.kind as PopulationKind] ?? p.kind,
      definition: describeDefinition(p.filter),
      control: p.controlId ? (o.controlKey.get(p.controlId) ?? null) : null,
      size: p.size,
      digest: p.digest,
      createdAt: p.createdAt.toISOString(),
      definitionJson: p.filter,
      samples,
    });
  }

  // The activity trail of in-scope objects: the projects inside the window, and the audit workspace.
  // Packet builds themselves are left out, so that building a packet does not change the next one.
  const activityWhere: Prisma.ActivityEventWhereInput = {
    AND: [
      { NOT: { action: { startsWith: "packet." } } },
      {
        OR: [
          { projectId: { in: projectIds }, occurredAt: { gte: o.window.start, lte: o.window.end } },
          { entityId: o.auditId },
          { summary: { path: ["auditId"], equals: o.auditId } },
        ],
      },
    ],
  };
  const [activityTotal, activityRows] = await Promise.all([
    prisma.activityEvent.count({ where: activityWhere }),
    prisma.activityEvent.findMany({ where: activityWhere, orderBy: { id: "desc" }, take: ACTIVITY_EXCERPT }),
  ]);

  const dataAsOf = latest([
    ...o.floor,
    ...backlogRows.map((b) => b.updatedAt),
    ...exerciseRows.map((e) => e.createdAt),
    ...requestRows.flatMap((r) => [r.updatedAt, ...r.comments.map((c) => c.createdAt)]),
    ...populationRows.flatMap((p) => [p.createdAt, ...p.samples.map((s) => s.createdAt)]),
    activityRows[0]?.occurredAt,
  ]);

  return {
    dataAsOf: dataAsOf.toISOString(),
    sections: {
      backlog: backlogRows.map((b) => ({
        project: slugOf.get(b.projectId)!,
        key: b.key,
        title: b.title,
        priority: b.priority,
        status: b.status,
        controls: b.controls
          .flatMap((c) => (o.controlKey.has(c.controlId) ? [o.controlKey.get(c.controlId)!] : []))
          .sort()
          .join(", "),
      })),
      exercises: exerciseRows.map((e) => ({
        project: slugOf.get(e.runbook.projectId)!,
        runbook: e.runbook.key,
        title: e.runbook.title,
        performedAt: e.performedAt.toISOString(),
        outcome: e.outcome,
        rto: e.measuredRtoSeconds,
        rtoTarget: e.runbook.rtoTargetSeconds,
        rpo: e.measuredRpoSeconds,
        rpoTarget: e.runbook.rpoTargetSeconds,
      })),
      requests: requestRows.map((r) => ({
        id: r.id,
        title: r.title,
        detail: r.detail,
        status: r.status,
        target: r.requirement ? `Requirement ${r.requirement.refId}` : r.control ? `Control ${r.control.key}` : "",
        owner: r.owner?.name ?? null,
        dueAt: r.dueAt?.toISOString() ?? null,
        raisedAt: r.createdAt.toISOString(),
        evidence: r.evidence.map((e) => ({ title: e.evidence.title, sha256: e.evidence.sha256 })),
        comments: r.comments.map((c) => ({
          author: authors.get(c.authorId) ?? "System",
          kind: c.kind,
          body: c.body,
          at: c.createdAt.toISOString(),
        })),
      })),
      populations,
      activity: {
        total: activityTotal,
        events: activityRows.reverse().map((e) => ({
          at: e.occurredAt.toISOString(),
          actor: e.actorLabel,
          action: e.action,
          entity: `${e.entityType} ${e.entityId}`,
          summary: pdfSummary(e.summary),
        })),
      },
    },
  };
}
