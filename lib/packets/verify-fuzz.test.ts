// Fuzzes `proofline verify` with malformed packets: a seeded, deterministic few hundred truncations,
// byte flips, inserted bytes, ZIP64 lies and overlapping entries, made from a genuine signed packet
// (written by the app's own manifest and ZIP code). Every one must be refused with a non-zero exit
// and a message: never accepted, never an uncaught crash.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCommand } from "@/public/cli/proofline.mjs";
import { buildManifest } from "@/lib/packets/manifest";
import { publicKeyInfo } from "@/lib/packets/signing-key";
import { digestOf, writeDeterministicZip, type ZipEntry } from "@/lib/packets/write-zip";
import { forgeZip, type ForgedEntry } from "@/lib/packets/testing/forge-zip";
// A seeded PRNG, so every run tries the same cases.
import { prng } from "@/lib/readiness/prng";

const dir = mkdtempSync(path.join(tmpdir(), "proofline-fuzz-"));
process.env.PACKET_SIGNING_KEY_FILE = path.join(dir, "signing-key.pem");

async function genuinePacket(): Promise<{ zip: Buffer; files: Map<string, Buffer> }> {
  const files = new Map<string, Buffer>([
    ["csv/evidence.csv", Buffer.from("evidence_id,title\r\n".concat("e1,Unit tests\r\n".repeat(40)))],
    ["csv/requests.csv", Buffer.from("request_id,title\r\nr1,Access review\r\n")],
    ["evidence/e1/junit.xml", Buffer.from('<testsuite name="unit" tests="3" failures="0"/>\n')],
    ["packet.pdf", Buffer.from("%PDF-1.7\n% not a real PDF, but bytes like one\n%%EOF\n")],
  ]);
  const entries: ZipEntry[] = [...files].map(([p, bytes]) => ({ path: p, source: { bytes } }));
  const manifest = buildManifest({
    audit: {
      id: "a1",
      name: "Fuzz audit",
      framework: "soc2",
      type: "TYPE_II",
      windowStart: "2026-01-01T00:00:00.000Z",
      windowEnd: "2026-06-30T23:59:59.999Z",
      projects: ["p"],
    },
    dataAsOf: new Date("2026-07-01T00:00:00Z"),
    requestedBy: "lead@proofline.test",
    files: await Promise.all(entries.map(digestOf)),
    activityHead: null,
  });
  files.set("manifest.json", manifest.json);
  files.set("manifest.sig", manifest.signature);
  const out = path.join(dir, "genuine.zip");
  await writeDeterministicZip(
    out,
    [...files].map(([p, bytes]) => ({ path: p, source: { bytes } })),
    new Date("2026-07-01T00:00:00Z"),
  );
  return { zip: readFileSync(out), files };
}

interface Case {
  name: string;
  bytes: Buffer;
}

function cases(zip: Buffer, files: Map<string, Buffer>): Case[] {
  const rnd = prng(20261207);
  const int = (n: number) => Math.floor(rnd() * n);
  const out: Case[] = [];
  // Truncated: at the edges and at random lengths.
  for (const len of [0, 1, 4, 21, 22, 30, zip.length - 22, zip.length - 21, zip.length - 1])
    out.push({ name: `truncated to ${len}`, bytes: zip.subarray(0, len) });
  for (let i = 0; i < 60; i++) {
    const len = int(zip.length);
    out.push({ name: `truncated to ${len}`, bytes: zip.subarray(0, len) });
  }
  // Random byte flips: one to three bytes, anywhere.
  for (let i = 0; i < 180; i++) {
    const b = Buffer.from(zip);
    const n = 1 + int(3);
    const at: number[] = [];
    for (let k = 0; k < n; k++) {
      const pos = int(b.length);
      b[pos] ^= 1 + int(255);
      at.push(pos);
    }
    out.push({ name: `bytes flipped at ${at.join(",")}`, bytes: b });
  }
  // Random bytes inserted (hidden data) and appended.
  for (let i = 0; i < 30; i++) {
    const pos = int(zip.length + 1);
    const junk = Buffer.from(Array.from({ length: 1 + int(40) }, () => int(256)));
    out.push({
      name: `${junk.length} byte(s) inserted at ${pos}`,
      bytes: Buffer.concat([zip.subarray(0, pos), junk, zip.subarray(pos)]),
    });
  }
  // ZIP64 lies, on a ZIP written byte by byte with the genuine entries.
  const genuine: ForgedEntry[] = [...files].map(([name, data]) => ({ name, data }));
  const huge = () => BigInt(int(2 ** 30)) * BigInt(1 + int(2 ** 22));
  for (let i = 0; i < 24; i++) {
    const field = (["count", "cdSize", "cdOffset", "recordOffset"] as const)[i % 4];
    const value = i < 4 ? 0xffffffffffffffffn : i < 8 ? 0n : huge();
    out.push({ name: `ZIP64 ${field} = ${value}`, bytes: forgeZip(genuine, { zip64: { [field]: value } }) });
  }
  // Overlapping entries, false sizes, hidden bytes.
  for (let i = 0; i < files.size; i++) {
    out.push({
      name: `entry ${i} overlaps entry ${(i + 1) % files.size}`,
      bytes: forgeZip(genuine.map((e, j) => (j === i ? { ...e, sameLocalAs: (i + 1) % files.size } : e))),
    });
    out.push({
      name: `entry ${i} declares a false size`,
      bytes: forgeZip(genuine.map((e, j) => (j === i ? { ...e, declaredSize: e.data.length + 1 + int(1000) } : e))),
    });
  }
  out.push({
    name: "bytes hidden before the central directory",
    bytes: forgeZip(genuine, { gap: Buffer.from("PK\u0003\u0004 a local header no directory names") }),
  });
  out.push({ name: "bytes after the end record", bytes: forgeZip(genuine, { trailing: Buffer.from("trailing") }) });
  return out;
}

let genuine: Awaited<ReturnType<typeof genuinePacket>>;
let keyPem: string;
const onUncaught: unknown[] = [];
const record = (err: unknown) => onUncaught.push(err);

beforeAll(async () => {
  genuine = await genuinePacket();
  keyPem = publicKeyInfo().pem;
  process.on("uncaughtException", record);
  process.on("unhandledRejection", record);
});
afterAll(() => {
  process.off("uncaughtException", record);
  process.off("unhandledRejection", record);
});

async function verify(bytes: Buffer, name: string) {
  const file = path.join(dir, `case-${name.replace(/[^\w]+/g, "-").slice(0, 60)}.zip`);
  writeFileSync(file, bytes);
  const lines: string[] = [];
  const code = await verifyCommand(
    [file, "--public-key", keyPem],
    (l: string) => lines.push(l),
    {} as NodeJS.ProcessEnv,
  );
  return { file, code, lines };
}

describe("proofline verify under fuzzing", { timeout: 180_000 }, () => {
  it("accepts the genuine packet (the fuzz starts from something that verifies)", async () => {
    const { code, lines } = await verify(genuine.zip, "genuine");
    expect(lines.at(-1)).toBe("OK: the signature is valid and every file matches the manifest.");
    expect(code).toBe(0);
    // The same packet written byte by byte by the test's own writer verifies too: the forgeries differ only by their fault.
    expect(
      (await verify(forgeZip([...genuine.files].map(([name, data]) => ({ name, data }))), "forged-clean")).code,
    ).toBe(0);
  });

  it("refuses every malformed variant with a non-zero exit and a message, and never crashes", async () => {
    const all = cases(genuine.zip, genuine.files);
    expect(all.length).toBeGreaterThanOrEqual(300);
    const accepted: string[] = [];
    const silent: string[] = [];
    for (const c of all) {
      const { code, lines } = await verify(c.bytes, c.name);
      if (code === 0) accepted.push(c.name);
      else if (!lines.some((l) => /^(FAILED|Cannot verify)/.test(l)))
        silent.push(`${c.name}: exit ${code}, ${lines.join(" | ")}`);
    }
    expect(accepted).toEqual([]);
    expect(silent).toEqual([]);
    expect(onUncaught).toEqual([]);
  });

  it("refuses them the same way from the command line (plain node, the served file)", () => {
    const all = cases(genuine.zip, genuine.files).filter((_, i) => i % 25 === 0);
    const keyFile = path.join(dir, "key.pem");
    writeFileSync(keyFile, keyPem);
    for (const c of all) {
      const file = path.join(dir, "cli-case.zip");
      writeFileSync(file, c.bytes);
      let code = 0;
      let out = "";
      try {
        out = execFileSync(process.execPath, ["public/cli/proofline.mjs", "verify", file, "--public-key", keyFile], {
          encoding: "utf8",
          stdio: "pipe",
        });
      } catch (err) {
        const e = err as { status: number; stdout: string; stderr: string };
        code = e.status;
        out = e.stdout;
        expect(e.stderr, c.name).toBe(""); // no stack trace: a message on stdout, nothing thrown
      }
      expect([1, 2], `${c.name}: ${out}`).toContain(code);
      expect(out).toMatch(/^(FAILED|Cannot verify)/m);
    }
  });
});
