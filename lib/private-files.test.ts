// Issue 11, "File modes": evidence originals and packets are readable by the app's own user only.
import { chmod, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { dirBlobStore, blobPath } from "@/lib/core/storage/blob-store-dir";
import { packetPaths, preparePacketDirs } from "@/lib/packets/run-packet-build";
import { writeDeterministicZip } from "@/lib/packets/write-zip";

const mode = async (p: string) => (await stat(p)).mode & 0o777;
let base: string;
const saved = { BLOB_DIR: process.env.BLOB_DIR, PACKET_DIR: process.env.PACKET_DIR };

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), "proofline-modes-"));
  process.env.BLOB_DIR = path.join(base, "blobs");
  process.env.PACKET_DIR = path.join(base, "packets");
  resetEnvForTests();
});
afterAll(async () => {
  Object.assign(process.env, saved);
  resetEnvForTests();
  await rm(base, { recursive: true, force: true });
});

describe("file modes", () => {
  it("keeps evidence originals 0600 in 0700 directories, narrowing a store made world-readable before", async () => {
    await mkdir(process.env.BLOB_DIR!, { recursive: true });
    await chmod(process.env.BLOB_DIR!, 0o755); // as an earlier version left it
    const { sha256 } = await dirBlobStore.putBytes(new TextEncoder().encode(`secret evidence ${Math.random()}`));
    const file = blobPath(sha256);
    expect(await mode(file)).toBe(0o600);
    expect(await mode(path.dirname(file))).toBe(0o700); // sha256/ab
    expect(await mode(path.dirname(path.dirname(file)))).toBe(0o700); // sha256
    expect(await mode(process.env.BLOB_DIR!)).toBe(0o700);
    expect(await mode(path.join(process.env.BLOB_DIR!, "tmp"))).toBe(0o700);
  });

  it("keeps packets 0600 in 0700 directories", async () => {
    const paths = packetPaths("audit-1", "packet-1");
    await preparePacketDirs(paths);
    await writeDeterministicZip(
      paths.partFile,
      [{ path: "a.txt", source: { bytes: Buffer.from("a") } }],
      new Date("2026-01-01T00:00:00Z"),
    );
    expect(await mode(paths.partFile)).toBe(0o600);
    expect(await mode(path.dirname(paths.outFile))).toBe(0o700);
    expect(await mode(paths.workDir)).toBe(0o700);
    expect(await mode(process.env.PACKET_DIR!)).toBe(0o700);
  });
});
