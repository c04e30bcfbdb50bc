// Files kept with a runbook exercise: the drill's log, a screenshot of the restored system, the ticket
// export. The bytes go to the blob store by sha256 (the same store as evidence originals); the row
// names the exercise, the file name, its type and size. The same file attached twice is kept once.
import { prisma } from "@/lib/db";
import { actingUserId, assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { InvalidInputError, NotFoundError, PayloadTooLargeError } from "@/lib/errors";
import { openBlob, putBytes } from "@/lib/core/storage/blob-store";
import { formatBytes } from "@/lib/ingest/limits";
import { runbookInProject } from "@/lib/runbooks/load-runbook";
import { exerciseScopeWhere } from "@/lib/core/access/auditor-scope";

/** The largest file one attachment may be: drill logs and screenshots, not backups. */
export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

export interface AttachmentSummary {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: Date;
}

const SUMMARY = { id: true, filename: true, contentType: true, size: true, sha256: true, createdAt: true } as const;

/** A file name as the browser sent it, reduced to its last path part and safe characters. */
export function cleanFilename(raw: string | null | undefined): string {
  const base = (raw ?? "").split(/[\\/]/).pop()!.trim();
  const safe = base
    .replace(/[^\w.@+ -]+/g, "_")
    .replace(/\s+/g, " ")
    .slice(0, 200);
  if (!safe || /^[._ ]+$/.test(safe))
    throw new InvalidInputError("Name the file: ?filename= is missing or has no usable characters.", [
      { path: "filename", message: "missing" },
    ]);
  return safe;
}

/** A plain content type (type/subtype), or application/octet-stream. */
function cleanContentType(raw: string | null | undefined): string {
  const type = (raw ?? "").split(";")[0].trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(type) && type.length <= 100
    ? type
    : "application/octet-stream";
}

async function exerciseOf(
  ctx: RequestCtx,
  slug: string,
  runbookId: string,
  exerciseId: string,
  permission: "runbook:read" | "runbook:exercise",
) {
  const { project, runbook } = await runbookInProject(prisma, ctx.actor, slug, runbookId);
  assertCan(ctx.actor, permission, { projectId: project.id });
  // An auditor reaches only exercises inside their audit window (lib/core/access/auditor-scope.ts).
  const scope = await exerciseScopeWhere(ctx.actor);
  const exercise = await prisma.runbookExercise.findFirst({
    where: { AND: [{ id: exerciseId, runbookId: runbook.id }, scope] },
    select: { id: true, performedAt: true },
  });
  if (!exercise) throw new NotFoundError(`Runbook "${runbook.title}" has no exercise ${exerciseId}.`);
  return { project, runbook, exercise };
}

export interface AttachExerciseFileOptions {
  ctx: RequestCtx;
  slug: string;
  runbookId: string;
  exerciseId: string;
  bytes: Uint8Array;
  filename: string | null;
  contentType: string | null;
  now: Date;
}

/** Keeps a file with an exercise. Answers whether it was new or already attached. */
export async function attachExerciseFile(
  opts: AttachExerciseFileOptions,
): Promise<{ created: boolean; attachment: AttachmentSummary }> {
  const filename = cleanFilename(opts.filename);
  if (opts.bytes.byteLength === 0)
    throw new InvalidInputError(`"${filename}" is empty; attach the file itself.`, [
      { path: "body", message: "empty" },
    ]);
  if (opts.bytes.byteLength > ATTACHMENT_MAX_BYTES)
    throw new PayloadTooLargeError(
      `"${filename}" is ${formatBytes(opts.bytes.byteLength)}; an attachment may be up to ${formatBytes(ATTACHMENT_MAX_BYTES)}.`,
    );
  const { project, runbook, exercise } = await exerciseOf(
    opts.ctx,
    opts.slug,
    opts.runbookId,
    opts.exerciseId,
    "runbook:exercise",
  );
  // Content-addressed, so storing before the row is safe: a file whose row never lands is only a
  // blob nobody points to, and the same bytes stored again are the same blob.
  const { sha256, size } = await putBytes(opts.bytes);
  const existing = () =>
    prisma.exerciseAttachment.findUnique({
      where: { exerciseId_sha256: { exerciseId: exercise.id, sha256 } },
      select: SUMMARY,
    });
  const found = await existing();
  if (found) return { created: false, attachment: found };
  try {
    const attachment = await prisma.$transaction(async (tx) => {
      const row = await tx.exerciseAttachment.create({
        data: {
          exerciseId: exercise.id,
          sha256,
          size,
          filename,
          contentType: cleanContentType(opts.contentType),
          uploadedById: actingUserId(opts.ctx.actor),
          createdAt: opts.now,
        },
        select: SUMMARY,
      });
      await recordActivity(tx, {
        ctx: opts.ctx,
        action: "runbook.exercise.attach",
        entityType: "Runbook",
        entityId: runbook.id,
        projectId: project.id,
        occurredAt: opts.now,
        summary: { exercise: exercise.id, attachment: row.id, filename, sha256, size },
      });
      return row;
    });
    return { created: true, attachment };
  } catch (err) {
    // Two uploads of the same file at once: the unique index lets one in; the other reports it.
    const again = (err as { code?: string }).code === "P2002" ? await existing() : null;
    if (again) return { created: false, attachment: again };
    throw err;
  }
}

/** An attachment's bytes for a download, for anyone who may read the runbook. */
export async function openExerciseAttachment(opts: {
  ctx: RequestCtx;
  slug: string;
  runbookId: string;
  exerciseId: string;
  attachmentId: string;
}) {
  const { exercise } = await exerciseOf(opts.ctx, opts.slug, opts.runbookId, opts.exerciseId, "runbook:read");
  const row = await prisma.exerciseAttachment.findFirst({
    where: { id: opts.attachmentId, exerciseId: exercise.id },
    select: SUMMARY,
  });
  if (!row) throw new NotFoundError(`This exercise has no attachment ${opts.attachmentId}.`);
  const blob = await openBlob(row.sha256);
  if (!blob)
    throw new NotFoundError(`The file "${row.filename}" (sha256 ${row.sha256}) is missing from the blob store.`);
  return { ...blob, attachment: row };
}
