// npm run bench:s3: a streamed round trip of one large original through the S3 blob store (issue 12).
// The S3 server (s3rver behind the signature-checking front, lib/core/storage/testing/s3-server.ts) runs in a
// child process, so the figures are the app side's alone:
//   spool     the body streamed into the blob store's spool file while hashed (what a push does)
//   upload    keep(): multipart upload of the spool file, parts signed, two in flight
//   download  openBlob(): the object streamed back and hashed
// beside the same bytes written to and read back from a local file, plainly, in the same run (the disk's
// own speed, the floor), and the process's peak RSS (target: under 300 MB whatever the size). Not part of CI: 6 GB by default
// (BENCH_S3_GB), which needs about three times that in free disk space.
import "./lib/load-env";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { s3BlobStore } from "@/lib/core/storage/blob-store-s3";
import { S3Client } from "@/lib/core/storage/s3-client";
import { startTestS3, TEST_S3_ACCESS_KEY_ID, TEST_S3_SECRET_ACCESS_KEY } from "@/lib/core/storage/testing/s3-server";

const GB = Number(process.env.BENCH_S3_GB ?? 6);
const MiB = 1024 ** 2;

if (process.argv[2] === "--server") {
  const s3 = await startTestS3("bench");
  process.stdout.write(`${s3.endpoint}\n`);
  process.on("SIGTERM", () => void s3.close().then(() => process.exit(0)));
} else {
  await main();
}

/** size bytes of a repeating, not constant, pattern (so nothing along the way can compress it to nothing). */
function* body(size: number): Generator<Uint8Array> {
  const block = Buffer.alloc(4 * MiB);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((i * 2654435761) >>> 0, i);
  for (let sent = 0, n = 0; sent < size; n++) {
    const chunk = Buffer.from(block.subarray(0, Math.min(block.length, size - sent)));
    chunk.writeUInt32LE(n, 0);
    sent += chunk.length;
    yield chunk;
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - start) / 1000 };
}

async function main(): Promise<void> {
  const size = Math.round(GB * 1024 ** 3);
  const dir = mkdtempSync(path.join(os.tmpdir(), "proofline-bench-s3-"));
  const server = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--server"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      server.stdout.once("data", (d: Buffer) => resolve(d.toString().trim()));
      server.once("exit", (code) => reject(new Error(`The S3 test server exited (${code}).`)));
    });
    const client = new S3Client({
      endpoint,
      region: "us-east-1",
      bucket: "bench",
      forcePathStyle: true,
      credentials: { accessKeyId: TEST_S3_ACCESS_KEY_ID, secretAccessKey: TEST_S3_SECRET_ACCESS_KEY },
    });
    const store = s3BlobStore({ client, prefix: "bench/", spoolDir: dir });
    console.log(`bench:s3: ${GB} GB through the S3 blob store (multipart, signature-checked) against ${endpoint}`);

    const spool = await timed(() => store.spoolBody(Readable.from(body(size)), size));
    const spooled = spool.value;
    const file = path.join(dir, "plain.bin");
    const write = await timed(() => pipeline(Readable.from(body(size)), createWriteStream(file)));
    const read = await timed(async () => {
      const hash = createHash("sha256");
      for await (const chunk of createReadStream(file, { highWaterMark: MiB })) hash.update(chunk as Buffer);
      return hash.digest("hex");
    });
    rmSync(file);
    const upload = await timed(() => spooled.keep());
    const download = await timed(async () => {
      const blob = await store.openBlob(spooled.sha256);
      if (!blob) throw new Error("The object is missing after the upload.");
      const hash = createHash("sha256");
      for await (const chunk of Readable.fromWeb(blob.stream as import("node:stream/web").ReadableStream<Uint8Array>))
        hash.update(chunk as Buffer);
      return hash.digest("hex");
    });
    await spooled.discard();
    if (download.value !== spooled.sha256)
      throw new Error(`Round trip changed the bytes: ${download.value} ≠ ${spooled.sha256}`);

    const rate = (s: number) => `${(size / MiB / s).toFixed(0).padStart(5)} MiB/s`;
    console.log(`  spool (hash + write)   ${spool.seconds.toFixed(1).padStart(6)} s  ${rate(spool.seconds)}`);
    console.log(`  upload (multipart)     ${upload.seconds.toFixed(1).padStart(6)} s  ${rate(upload.seconds)}`);
    console.log(`  download (stream+hash) ${download.seconds.toFixed(1).padStart(6)} s  ${rate(download.seconds)}`);
    console.log(`  baseline: plain write  ${write.seconds.toFixed(1).padStart(6)} s  ${rate(write.seconds)}`);
    console.log(`  baseline: read + hash  ${read.seconds.toFixed(1).padStart(6)} s  ${rate(read.seconds)}`);
    if (read.value !== spooled.sha256) throw new Error("The plain copy hashed differently from the spool.");
    const peak = process.resourceUsage().maxRSS / 1024;
    console.log(
      `  peak RSS of this process: ${peak.toFixed(0)} MB (target < 300 MB)${peak < 300 ? "" : "  ← over target"}`,
    );
    console.log(`  round trip byte-identical: sha256 ${spooled.sha256}`);
  } finally {
    server.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}
