import { prisma, type Tx } from "@/lib/db";
import { Prisma } from "@/generated/prisma/client";
import { actingUserId, type RequestCtx } from "@/lib/auth/actor";
import type { RecordActivityOptions } from "@/lib/activity/record-activity";
import { recordActivities } from "@/lib/backlog/record-activities";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { describeRefusedImport, refusedImportEffects } from "@/lib/backlog/import-permissions";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { sortableId } from "@/lib/backlog/ids";
import { priorityRank } from "@/lib/backlog/priority";
import { type ImportInput, documentKeyFor, loadPlan, parseUpload, planSummary } from "@/lib/backlog/import-context";
import { itemFingerprint, runbookFingerprint } from "@/lib/import/fingerprint";
import { parsedFields, type PlannedItem, type PlannedRunbook } from "@/lib/import/plan-import";
import type { ParsedItem } from "@/lib/import/types";
import { mappingInUse } from "@/lib/import/saved-mapping";

export interface ApplyDocumentImportOptions extends ImportInput {
  ctx: RequestCtx;
  slug: string;
  now: Date;
  /** When set, the import is refused if the document differs from the one previewed. */
  expectedSha256?: string;
}

const ACTIONS: Record<string, string> = {
  update: "backlog-item.update",
  close: "backlog-item.close",
  reopen: "backlog-item.reopen",
  restore: "backlog-item.restore",
};

function itemData(p: ParsedItem) {
  return {
    title: p.title,
    kind: p.kind,
    block: p.block,
    priority: p.priority,
    priorityRank: priorityRank(p.priority),
    priorityRaw: p.priorityRaw,
    status: p.status,
    body: p.body,
    affectedFiles: p.affectedFiles,
    verificationCommands: p.verificationCommands,
    sectionPath: p.sectionPath,
    sourceLine: p.line,
    importedHash: itemFingerprint(parsedFields(p)),
  };
}

/**
 * Imports a document into a project: keeps the document version (content and sha256), then creates,
 * updates, closes, reopens or marks items and runbooks as the plan says, all in one transaction with
 * an activity event for each change. Conflicts (edited here and in the document) are left alone.
 */
export async function applyDocumentImport({ ctx, slug, now, expectedSha256, ...input }: ApplyDocumentImportOptions) {
  const project = await resolveProject({ ctx, slug, permission: "document:import" });
  if (project.archivedAt)
    throw new ConflictError(`${project.name} is archived; restore it before importing documents into it.`);
  const inUse = await mappingInUse(prisma, project.id, input);
  const parsed = await parseUpload({ ...input, mapping: inUse.mapping });
  if (expectedSha256 && expectedSha256 !== parsed.sha256)
    throw new ConflictError("The document is not the one that was previewed; preview it again before importing.");
  const key = documentKeyFor(input, parsed);
  const content = new TextDecoder().decode(input.bytes).replace(/^\uFEFF/, "");

  return prisma.$transaction(
    async (tx) => {
      const document = await tx.sourceDocument.upsert({
        where: { projectId_key: { projectId: project.id, key } },
        // A mapping chosen with this upload is kept with the document (null clears it); otherwise the saved one stays.
        create: {
          projectId: project.id,
          key,
          title: parsed.title ?? key,
          filename: input.filename ?? null,
          format: parsed.format,
          ...(inUse.source === "chosen" ? { importMapping: inUse.mapping as Prisma.InputJsonValue } : {}),
        },
        update: {
          title: parsed.title ?? undefined,
          filename: input.filename ?? undefined,
          format: parsed.format,
          ...(input.mapping !== undefined
            ? { importMapping: inUse.mapping ? (inUse.mapping as Prisma.InputJsonValue) : Prisma.DbNull }
            : {}),
        },
      });
      await tx.$executeRaw`SELECT id FROM "SourceDocument" WHERE id = ${document.id} FOR UPDATE`;
      const plan = await loadPlan(tx, project.id, document.id, parsed);
      // Each change is checked against its own permission; one refused change refuses the whole import
      // (throwing here rolls back the document row above: nothing is written).
      const refused = refusedImportEffects(ctx.actor, project.id, plan);
      if (refused.length) throw new ForbiddenError(describeRefusedImport(refused));
      const summary = planSummary(parsed, plan);
      const stats = {
        title: parsed.title,
        sections: parsed.sections.length,
        items: parsed.items.length,
        runbooks: parsed.runbooks.length,
        warnings: parsed.warnings,
        counts: plan.counts,
        runbookCounts: plan.runbookCounts,
      };
      const previous = await tx.documentVersion.findUnique({
        where: { documentId_sha256: { documentId: document.id, sha256: parsed.sha256 } },
        select: { id: true },
      });
      const version =
        previous ??
        (await tx.documentVersion.create({
          data: {
            documentId: document.id,
            sha256: parsed.sha256,
            byteSize: parsed.byteSize,
            content,
            format: parsed.format,
            reflowed: parsed.reflowed,
            importedById: actingUserId(ctx.actor),
            importedAt: now,
            stats: stats as Prisma.InputJsonValue,
          },
          select: { id: true },
        }));
      const events: RecordActivityOptions[] = [];
      const scope = {
        ctx,
        projectId: project.id,
        document: key,
        versionId: version.id,
        documentId: document.id,
        now,
        events,
      };
      await applyItems(tx, plan.items, scope);
      await applyRunbooks(tx, plan.runbooks, scope);
      events.push({
        ctx,
        action: "document.import",
        entityType: "SourceDocument",
        entityId: document.id,
        projectId: project.id,
        occurredAt: now,
        summary: {
          document: key,
          sha256: parsed.sha256,
          version: version.id,
          sameVersionAgain: !!previous,
          items: plan.counts,
          runbooks: plan.runbookCounts,
        },
      });
      await recordActivities(tx, events);
      return { document: { id: document.id, key, title: document.title }, versionId: version.id, ...summary };
    },
    { timeout: 120_000, maxWait: 20_000 },
  );
}

interface Scope {
  ctx: RequestCtx;
  projectId: string;
  documentId: string;
  document: string;
  versionId: string;
  now: Date;
  events: RecordActivityOptions[];
}

async function applyItems(tx: Tx, planned: PlannedItem[], s: Scope) {
  const creates = planned.filter((p) => p.action === "create" && p.parsed);
  if (creates.length) {
    const rows = creates.map((p) => ({ id: sortableId(), parsed: p.parsed! }));
    await tx.backlogItem.createMany({
      data: rows.map(({ id, parsed }) => ({
        id,
        projectId: s.projectId,
        key: parsed.key,
        documentId: s.documentId,
        documentVersionId: s.versionId,
        closedAt: parsed.status === "DONE" ? s.now : null,
        createdAt: s.now,
        ...itemData(parsed),
      })),
    });
    const criteria = rows.flatMap(({ id, parsed }) =>
      parsed.criteria.map((c, position) => ({ itemId: id, text: c.text, done: c.done, depth: c.depth, position })),
    );
    if (criteria.length) await tx.acceptanceCriterion.createMany({ data: criteria });
    for (const { id, parsed } of rows) {
      s.events.push({
        ctx: s.ctx,
        action: "backlog-item.create",
        entityType: "BacklogItem",
        entityId: id,
        projectId: s.projectId,
        occurredAt: s.now,
        summary: {
          via: "import",
          document: s.document,
          after: { key: parsed.key, title: parsed.title, priority: parsed.priority, status: parsed.status },
        },
      });
    }
  }
  // Unchanged items (and conflicts) only move in the source: one statement for all of them. A
  // conflicting item that belongs to another document, or was added by hand, is not touched at all.
  const stay = planned.filter((p) => p.id && (p.action === "unchanged" || p.action === "conflict"));
  if (stay.length) {
    await tx.$executeRaw`
      UPDATE "BacklogItem" AS b
         SET "sectionPath" = ARRAY(SELECT json_array_elements_text(v.path::json)), "sourceLine" = v.line, "documentVersionId" = ${s.versionId}
        FROM unnest(${stay.map((p) => p.id!)}::text[], ${stay.map((p) => JSON.stringify(p.sectionPath))}::text[], ${stay.map((p) => p.line ?? 0)}::int[]) AS v(id, path, line)
       WHERE b.id = v.id AND b."documentId" = ${s.documentId}`;
  }
  for (const p of planned) {
    if (!p.id || p.action === "unchanged" || p.action === "conflict") continue;
    const location = { sectionPath: p.sectionPath, sourceLine: p.line, documentVersionId: s.versionId };
    if (p.action === "remove") {
      await tx.backlogItem.update({ where: { id: p.id }, data: { removedFromSourceAt: s.now } });
      s.events.push({
        ctx: s.ctx,
        action: "backlog-item.mark-removed",
        entityType: "BacklogItem",
        entityId: p.id,
        projectId: s.projectId,
        occurredAt: s.now,
        summary: { via: "import", document: s.document, key: p.key, title: p.title },
      });
      continue;
    }
    if (!p.parsed) continue;
    const parsed = p.parsed;
    const before = await tx.backlogItem.findUniqueOrThrow({
      where: { id: p.id },
      select: { status: true, closedAt: true },
    });
    const closedAt = parsed.status === "DONE" ? (before.status === "DONE" ? before.closedAt : s.now) : null;
    await tx.backlogItem.update({
      where: { id: p.id },
      data: { ...itemData(parsed), ...location, closedAt, removedFromSourceAt: null },
    });
    if (p.changes.some((c) => c.field === "criteria")) {
      await tx.acceptanceCriterion.deleteMany({ where: { itemId: p.id } });
      await tx.acceptanceCriterion.createMany({
        data: parsed.criteria.map((c, position) => ({
          itemId: p.id!,
          text: c.text,
          done: c.done,
          depth: c.depth,
          position,
        })),
      });
    }
    const changed = Object.fromEntries(
      p.changes.filter((c) => c.field !== "criteria" && c.field !== "body").map((c) => [c.field, c]),
    );
    s.events.push({
      ctx: s.ctx,
      action: ACTIONS[p.action] ?? "backlog-item.update",
      entityType: "BacklogItem",
      entityId: p.id,
      projectId: s.projectId,
      occurredAt: s.now,
      summary: {
        via: "import",
        document: s.document,
        before: Object.fromEntries(Object.entries(changed).map(([k, c]) => [k, c.before])),
        after: Object.fromEntries(Object.entries(changed).map(([k, c]) => [k, c.after])),
        ...(p.changes.some((c) => c.field === "criteria") ? { criteriaChanged: true } : {}),
        ...(p.changes.some((c) => c.field === "body") ? { bodyChanged: true } : {}),
      },
    });
  }
}

async function applyRunbooks(tx: Tx, planned: PlannedRunbook[], s: Scope) {
  for (const p of planned) {
    if (p.action === "create" && p.parsed) {
      const r = p.parsed;
      const runbook = await tx.runbook.create({
        data: {
          id: sortableId(),
          projectId: s.projectId,
          key: r.key,
          title: r.title,
          cadenceDays: r.cadenceDays,
          rtoTargetSeconds: r.rtoTargetSeconds,
          rpoTargetSeconds: r.rpoTargetSeconds,
          documentId: s.documentId,
          documentVersionId: s.versionId,
          sectionPath: r.sectionPath,
          sourceLine: r.line,
          importedHash: runbookFingerprint(r),
          createdAt: s.now,
          versions: {
            create: {
              version: 1,
              title: r.title,
              steps: r.steps as unknown as Prisma.InputJsonValue,
              note: `Imported from ${s.document}`,
              editedById: actingUserId(s.ctx.actor),
              createdAt: s.now,
            },
          },
        },
      });
      s.events.push({
        ctx: s.ctx,
        action: "runbook.create",
        entityType: "Runbook",
        entityId: runbook.id,
        projectId: s.projectId,
        occurredAt: s.now,
        summary: { via: "import", document: s.document, after: { key: r.key, title: r.title, steps: r.steps.length } },
      });
      continue;
    }
    if (!p.id) continue;
    const location = p.parsed
      ? { sectionPath: p.parsed.sectionPath, sourceLine: p.parsed.line, documentVersionId: s.versionId }
      : {};
    if (p.action === "remove") {
      await tx.runbook.update({ where: { id: p.id }, data: { removedFromSourceAt: s.now } });
      s.events.push({
        ctx: s.ctx,
        action: "runbook.mark-removed",
        entityType: "Runbook",
        entityId: p.id,
        projectId: s.projectId,
        occurredAt: s.now,
        summary: { via: "import", document: s.document, key: p.key },
      });
    } else if ((p.action === "update" || p.action === "restore") && p.parsed) {
      const current = await tx.runbook.findUniqueOrThrow({ where: { id: p.id }, select: { currentVersion: true } });
      const stepsChanged = p.changes.length > 0;
      const next = stepsChanged ? current.currentVersion + 1 : current.currentVersion;
      if (stepsChanged) {
        await tx.runbookVersion.create({
          data: {
            runbookId: p.id,
            version: next,
            title: p.parsed.title,
            steps: p.parsed.steps as unknown as Prisma.InputJsonValue,
            note: `Re-imported from ${s.document}`,
            editedById: actingUserId(s.ctx.actor),
            createdAt: s.now,
          },
        });
      }
      await tx.runbook.update({
        where: { id: p.id },
        data: {
          ...location,
          title: p.parsed.title,
          currentVersion: next,
          importedHash: runbookFingerprint(p.parsed),
          removedFromSourceAt: null,
        },
      });
      s.events.push({
        ctx: s.ctx,
        action: p.action === "restore" ? "runbook.restore" : "runbook.update",
        entityType: "Runbook",
        entityId: p.id,
        projectId: s.projectId,
        occurredAt: s.now,
        summary: { via: "import", document: s.document, version: next, changes: p.changes.map((c) => c.field) },
      });
    } else if (p.action === "unchanged" && p.parsed) await tx.runbook.update({ where: { id: p.id }, data: location });
  }
}
