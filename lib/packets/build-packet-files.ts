import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { prisma } from "@/lib/db";
import { openBlob } from "@/lib/core/storage/blob-store";
import { toCsv } from "@/lib/core/http/csv";
import { populationCsvChunks, sampleCsv } from "@/lib/audits/population-csv";
import { REQUESTS_CSV_HEADER, requestCsvRows } from "@/lib/audits/export-requests-csv";
import { userAccessReviewCsv } from "@/lib/users/access-review";
import { loadPacketData } from "@/lib/packets/load-packet-data";
import { renderPacketPdf, type RenderHooks } from "@/lib/packets/render-packet-pdf";
import { MATRIX_CSV_HEADER, matrixCsvCells, matrixRows } from "@/lib/packets/matrix";
import { evidenceZipPath } from "@/lib/packets/packet-files";
import { buildManifest } from "@/lib/packets/manifest";
import { toSignedHead } from "@/lib/activity/signed-head";
import { digestOf, writeDeterministicZip, type ZipEntry } from "@/lib/packets/write-zip";
import type { PacketData } from "@/lib/packets/packet-types";

export class PacketBuildError extends Error {}

/** How long each stage of the last build in this process took, in ms (for npm run bench:packet). */
export const lastBuildStages: Array<{ stage: string; ms: number }> = [];

export interface BuildPacketFilesOptions {
  auditId: string;
  requestedById: string;
  /** A scratch directory for this build (population CSVs are spooled there). */
  workDir: string;
  outFile: string;
  /** Render processes (see render-pool.ts); default: decided by the packet's size. */
  renderProcesses?: number;
  hooks?: RenderHooks & { onStage?: (stage: string, fraction: number) => Promise<void> | void };
}

export interface BuiltPacket {
  size: number;
  sha256: string;
  pageCount: number;
  dataAsOf: Date;
  files: number;
}

async function spool(file: string, chunks: AsyncIterable<string | Uint8Array>): Promise<void> {
  const out = createWriteStream(file);
  try {
    for await (const chunk of chunks) if (!out.write(chunk)) await once(out, "drain");
  } catch (err) {
    out.destroy();
    throw err;
  }
  out.end();
  await once(out, "close");
}

/**
 * Copies an original from the blob store (a directory or a bucket, streamed) into the build's scratch
 * directory, checking on the way that its bytes still hash to the evidence's sha256.
 */
async function fetchOriginal(
  e: { title: string; sha256: string | null },
  workDir: string,
): Promise<{ file: string; known: { size: number; sha256: string } }> {
  const sha256 = e.sha256!;
  const blob = await openBlob(sha256);
  if (!blob)
    throw new PacketBuildError(
      `The original of evidence "${e.title}" (sha256 ${sha256}) is missing from the blob store.`,
    );
  const file = path.join(workDir, "originals", sha256);
  await mkdir(path.dirname(file), { recursive: true });
  const hash = createHash("sha256");
  let size = 0;
  await spool(
    file,
    (async function* () {
      for await (const chunk of Readable.fromWeb(blob.stream as NodeReadableStream<Uint8Array>)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    })(),
  );
  if (hash.digest("hex") !== sha256) {
    await rm(file, { force: true });
    throw new PacketBuildError(
      `The original of evidence "${e.title}" in the blob store no longer matches its sha256 ${sha256}.`,
    );
  }
  // Its digest for the manifest is known now: the file is not read again for it.
  return { file, known: { size, sha256 } };
}

function csvEntries(data: PacketData): ZipEntry[] {
  const bytes = (s: string) => ({ bytes: Buffer.from(s, "utf8") });
  return [
    { path: "csv/matrix.csv", source: bytes(toCsv(MATRIX_CSV_HEADER, matrixRows(data).map(matrixCsvCells))) },
    {
      path: "csv/populations.csv",
      source: bytes(
        toCsv(
          ["population_id", "kind", "control", "definition", "size", "digest", "defined_at"],
          data.populations.map((p) => [p.id, p.kind, p.control, p.definition, p.size, p.digest, p.createdAt]),
        ),
      ),
    },
    {
      path: "csv/samples.csv",
      source: bytes(
        toCsv(
          ["sample_id", "population_id", "seed", "size", "population_size", "drawn_at"],
          data.populations.flatMap((p) =>
            p.samples.map((s) => [s.id, p.id, s.seed, s.size, s.populationSize, s.createdAt]),
          ),
        ),
      ),
    },
    {
      path: "csv/evidence.csv",
      source: bytes(
        toCsv(
          // collected_at is Proofline's own receipt time; collected_after_window flags backdated evidence.
          [
            "evidence_id",
            "project",
            "title",
            "kind",
            "format",
            "outcome",
            "effective_at",
            "collected_at",
            "collected_after_window",
            "expires_at",
            "sha256",
            "byte_size",
            "file",
            "controls",
          ],
          data.evidence.map((e) => [
            e.id,
            e.project,
            e.title,
            e.kind,
            e.format,
            e.outcome,
            e.effectiveAt,
            e.collectedAt,
            e.collectedAfterWindow ? "yes" : "no",
            e.expiresAt,
            e.sha256,
            e.byteSize,
            evidenceZipPath(e),
            e.controlKeys.join(" "),
          ]),
        ),
      ),
    },
  ];
}

async function latestSignedHead() {
  const row = await prisma.activitySignedHead.findFirst({ orderBy: { signedAt: "desc" } });
  return row ? toSignedHead(row) : null;
}

/**
 * Builds one packet ZIP: the PDF, the CSVs, every in-window evidence original, and the signed
 * manifest. Deterministic: the same data, window, key and latest signed trail head give the same bytes.
 */
export async function buildPacketFiles({
  auditId,
  requestedById,
  workDir,
  outFile,
  renderProcesses,
  hooks = {},
}: BuildPacketFilesOptions): Promise<BuiltPacket> {
  await mkdir(workDir, { recursive: true });
  lastBuildStages.length = 0;
  let since = performance.now();
  const stage = async (name: string, fraction: number) => {
    const now = performance.now();
    lastBuildStages.at(-1)!.ms = Math.round(now - since);
    since = now;
    lastBuildStages.push({ stage: name, ms: 0 });
    await hooks.onStage?.(name, fraction);
  };
  lastBuildStages.push({ stage: "Reading the audit's data", ms: 0 });
  await hooks.onStage?.("Reading the audit's data", 0.02);
  const data = await loadPacketData(auditId, requestedById);
  const date = new Date(data.dataAsOf);

  await stage("Rendering the PDF", 0.05);
  const pdf = await renderPacketPdf(data, {
    checkpoint: hooks.checkpoint,
    processes: renderProcesses,
    onProgress: (done, total) =>
      hooks.onStage?.(`Rendering the PDF (part ${done} of ${total})`, 0.05 + 0.8 * (done / total)),
  });

  await stage("Collecting originals and CSV files", 0.86);
  const entries: ZipEntry[] = [{ path: "packet.pdf", source: { bytes: pdf.bytes } }, ...csvEntries(data)];
  entries.push({
    path: "csv/requests.csv",
    source: { bytes: Buffer.from(toCsv(REQUESTS_CSV_HEADER, await requestCsvRows(auditId, date)), "utf8") },
  });
  // Who had which role on the window's last day (or the data's, if earlier), and since when (SOC 2 CC6.2,
  // CC6.3): the users page's access review.
  const reviewDay = new Date(Math.min(Date.parse(data.audit.windowEnd), date.getTime())).toISOString().slice(0, 10);
  const accessReview = await userAccessReviewCsv(reviewDay);
  entries.push({ path: "csv/user-access-review.csv", source: { bytes: Buffer.from(accessReview.csv, "utf8") } });
  for (const p of data.populations) {
    const file = path.join(workDir, `population-${p.id}.csv`);
    await spool(file, populationCsvChunks(prisma, p.definitionJson));
    entries.push({ path: `csv/population-${p.id}.csv`, source: { file } });
    for (const s of p.samples) {
      const sample = await prisma.sample.findUniqueOrThrow({
        where: { id: s.id },
        select: { seed: true, members: true },
      });
      entries.push({
        path: `csv/sample-${s.id}.csv`,
        source: { bytes: Buffer.from(await sampleCsv(prisma, p.definitionJson, sample), "utf8") },
      });
    }
    await hooks.checkpoint?.();
  }
  const seen = new Set<string>();
  const fetched = new Map<string, Awaited<ReturnType<typeof fetchOriginal>>>(); // by sha256: the same bytes may be evidence in two projects
  for (const e of data.evidence) {
    const zipPath = evidenceZipPath(e);
    if (!zipPath || seen.has(zipPath)) continue;
    seen.add(zipPath);
    if (!fetched.has(e.sha256!)) fetched.set(e.sha256!, await fetchOriginal(e, workDir));
    entries.push({ path: zipPath, source: fetched.get(e.sha256!)! });
  }

  await stage("Hashing files and signing the manifest", 0.9);
  const digests = [];
  for (const entry of entries) digests.push(await digestOf(entry));
  const manifest = buildManifest({
    audit: {
      id: data.audit.id,
      name: data.audit.name,
      framework: data.audit.framework.key,
      type: data.audit.type,
      windowStart: data.audit.windowStart,
      windowEnd: data.audit.windowEnd,
      projects: data.audit.projects.map((p) => p.slug),
    },
    dataAsOf: date,
    requestedBy: data.requestedBy.email,
    files: digests,
    activityHead: await latestSignedHead(),
  });
  entries.push(
    { path: "manifest.json", source: { bytes: manifest.json } },
    { path: "manifest.sig", source: { bytes: manifest.signature } },
  );
  await hooks.checkpoint?.();

  await stage("Writing the ZIP", 0.94);
  const zip = await writeDeterministicZip(outFile, entries, date);
  lastBuildStages.at(-1)!.ms = Math.round(performance.now() - since);
  return { size: zip.size, sha256: zip.sha256, pageCount: pdf.pageCount, dataAsOf: date, files: entries.length };
}
