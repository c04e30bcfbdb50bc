import { rm, rename, mkdir } from "node:fs/promises";
import path from "node:path";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { systemCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { buildPacketFiles, PacketBuildError } from "@/lib/packets/build-packet-files";
import { BlobStoreError } from "@/lib/core/storage/blob-store-types";
import { ensurePrivateDir, PRIVATE_DIR_MODE } from "@/lib/private-files";
import { HandBack, handBackIfStopping } from "@/lib/jobs/hand-back";

class Cancelled extends Error {}

export function packetZipPath(auditId: string, packetId: string): string {
  return path.join(path.resolve(env().PACKET_DIR), auditId, `${packetId}.zip`);
}

/** Where one build writes: a work directory of its own and the ZIP (first as .part). */
export function packetPaths(auditId: string, packetId: string) {
  const outFile = packetZipPath(auditId, packetId);
  return { workDir: path.join(path.resolve(env().PACKET_DIR), "work", packetId), outFile, partFile: `${outFile}.part` };
}

/**
 * Creates them private: PACKET_DIR and everything under it 0700 (the ZIP itself is written 0600 by
 * write-zip.ts), so packets are readable by the app's own user only.
 */
export async function preparePacketDirs({ workDir, outFile }: ReturnType<typeof packetPaths>): Promise<void> {
  await ensurePrivateDir(path.resolve(env().PACKET_DIR));
  await mkdir(workDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await mkdir(path.dirname(outFile), { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * A failure as one sentence for the audit page and the activity trail, which auditors read: the
 * build's own refusals say what to do; anything else (a file path, an S3 endpoint or bucket, a stack
 * line) stays in the worker log, found by the packet id.
 */
export function reasonOf(err: unknown, packetId?: string): string {
  if (err instanceof PacketBuildError) return err.message;
  if (err instanceof BlobStoreError)
    return `The build could not read an original from the evidence store. ${err.publicDetail}`;
  return `The build stopped with an unexpected error; the worker log has the details${packetId ? ` (packet ${packetId})` : ""}.`;
}

/**
 * The packet-build job: runs one queued build to the end, reporting progress on the Packet row (the
 * audit page polls it), stopping between chunks when a cancel is requested, and recording the
 * outcome with its reason.
 */
export async function runPacketBuild(
  packetId: string,
  log: (line: string) => void = console.log,
  signal?: AbortSignal,
  jobId?: string,
): Promise<void> {
  const packet = await prisma.packet.findUnique({
    where: { id: packetId },
    select: { id: true, auditId: true, status: true, requestedById: true, jobId: true },
  });
  // QUEUED, or RUNNING under this very job: a retry of an attempt that stopped before it could hand the
  // build back (a worker stopped past its grace, or killed): pg-boss runs one attempt of a job at a time.
  const retried = Boolean(jobId) && packet?.status === "RUNNING" && packet.jobId === jobId;
  if (!packet || (packet.status !== "QUEUED" && !retried)) return; // cancelled while queued, or already handled
  const claimable = retried ? { status: "RUNNING" as const, jobId } : { status: "QUEUED" as const };
  const started = await prisma.packet.updateMany({
    where: { id: packetId, ...claimable },
    data: { status: "RUNNING", startedAt: new Date(), stage: "Starting", progress: 0.01 },
  });
  if (!started.count) return;

  const paths = packetPaths(packet.auditId, packetId);
  const { workDir, outFile, partFile } = paths;
  let lastWrite = 0;
  const ctx = systemCtx(`packet-worker`);
  try {
    await preparePacketDirs(paths);
    const built = await buildPacketFiles({
      auditId: packet.auditId,
      requestedById: packet.requestedById,
      workDir,
      outFile: partFile,
      hooks: {
        onStage: async (stage, fraction) => {
          const now = Date.now();
          if (now - lastWrite < 400 && fraction < 0.999) return;
          lastWrite = now;
          await prisma.packet.update({ where: { id: packetId }, data: { stage, progress: Math.min(0.99, fraction) } });
        },
        checkpoint: async () => {
          handBackIfStopping(signal, `Packet ${packetId}`);
          const row = await prisma.packet.findUnique({ where: { id: packetId }, select: { cancelRequestedAt: true } });
          if (row?.cancelRequestedAt) throw new Cancelled();
        },
      },
    });
    await rename(partFile, outFile);
    await prisma.$transaction(async (tx) => {
      await tx.packet.update({
        where: { id: packetId },
        data: {
          status: "SUCCEEDED",
          progress: 1,
          stage: "Ready",
          finishedAt: new Date(),
          zipPath: outFile,
          zipSha256: built.sha256,
          byteSize: BigInt(built.size),
          pageCount: built.pageCount,
          dataAsOf: built.dataAsOf,
        },
      });
      await recordActivity(tx, {
        ctx,
        action: "packet.built",
        entityType: "Packet",
        entityId: packetId,
        summary: { auditId: packet.auditId, sha256: built.sha256, pages: built.pageCount, files: built.files },
      });
    });
    log(
      `[packets] ${packetId}: ${built.pageCount} pages, ${built.files} files, ${built.size} bytes, sha256 ${built.sha256}`,
    );
  } catch (err) {
    await rm(partFile, { force: true });
    if (err instanceof HandBack) {
      // The worker is stopping (a deploy): the build goes back to QUEUED and its job back to the queue
      // (runWorker rethrows, pg-boss retries it), so another worker builds it from the start.
      await prisma.$transaction(async (tx) => {
        await tx.packet.update({
          where: { id: packetId },
          data: { status: "QUEUED", stage: "Waiting for the worker", progress: 0, startedAt: null },
        });
        await recordActivity(tx, {
          ctx,
          action: "packet.handed_back",
          entityType: "Packet",
          entityId: packetId,
          summary: { auditId: packet.auditId },
        });
      });
      throw err;
    }
    const cancelled = err instanceof Cancelled;
    if (!cancelled && !(err instanceof PacketBuildError))
      log(`[packets] ${packetId} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await prisma.$transaction(async (tx) => {
      await tx.packet.update({
        where: { id: packetId },
        data: cancelled
          ? { status: "CANCELLED", stage: "Cancelled", finishedAt: new Date() }
          : { status: "FAILED", stage: "Failed", error: reasonOf(err, packetId), finishedAt: new Date() },
      });
      await recordActivity(tx, {
        ctx,
        action: cancelled ? "packet.cancelled" : "packet.failed",
        entityType: "Packet",
        entityId: packetId,
        summary: { auditId: packet.auditId, ...(cancelled ? {} : { reason: reasonOf(err, packetId) }) },
      });
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
