// Attacks on `proofline verify`, performed against the served one-file CLI (spawned with plain node)
// on a real packet built by the app: a packet re-signed with another key, a forged file placed before
// the genuine one under the same name, an unlisted file, a directory entry carrying data, a local
// header naming another file, and the trust-on-first-use key pinning (a changed server key).
import { execFile } from "node:child_process";
import { generateKeyPairSync, sign } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashZipEntry, listZipEntries } from "@/public/cli/proofline.mjs";
import { buildPacketFiles } from "@/lib/packets/build-packet-files";
import { publicKeyInfo } from "@/lib/packets/signing-key";
import { writeDeterministicZip } from "@/lib/packets/write-zip";
import { packetWorld } from "@/lib/packets/packet-test-world";
import { forgeZip, type ForgedEntry } from "@/lib/packets/testing/forge-zip";
import { checkActivityTrail } from "@/lib/activity/check-activity-trail";
import { createProject } from "@/lib/projects/create-project";
import { GET as keyRoute } from "@/app/api/v1/audits/signing-key/route";
import { call } from "@/tests/api";
import { ctxOf, makeUser, uniq } from "@/tests/factories";

const dir = mkdtempSync(path.join(tmpdir(), "proofline-forgery-"));
process.env.PACKET_SIGNING_KEY_FILE = path.join(dir, "signing-key.pem");

interface Run {
  code: number;
  out: string;
}

/** The served CLI, as an auditor runs it: plain node, no dependencies. Asynchronous, so this process can serve the key meanwhile. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["public/cli/proofline.mjs", "verify", ...args],
      { encoding: "utf8", env: { PATH: process.env.PATH ?? "", ...env } as unknown as NodeJS.ProcessEnv },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, out: stdout + stderr });
      },
    );
  });
}

let packet: string;
let files: Map<string, Buffer>;
let keyFile: string;
let signedHead: { eventId: string; hash: string; signedAt: string };

async function readEntries(file: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await listZipEntries(file)) {
    const parts: Buffer[] = [];
    await hashZipEntry(file, e, (c: Buffer) => parts.push(c));
    out.set(e.name, Buffer.concat(parts));
  }
  return out;
}

const genuineEntries = (): ForgedEntry[] => [...files].map(([name, data]) => ({ name, data }));
const write = (name: string, bytes: Buffer) => {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
};

beforeAll(async () => {
  // A trail with a signed head, so that the packet carries one.
  const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
  await createProject({ ctx: ctxOf(lead), data: { name: "Anchored", slug: uniq("anchored"), description: "" } });
  const checked = await checkActivityTrail({ now: new Date() });
  expect(checked.report.ok).toBe(true);
  signedHead = checked.signed!;

  const w = await packetWorld();
  packet = path.join(dir, "packet.zip");
  await buildPacketFiles({
    auditId: w.audit.id,
    requestedById: w.lead.id,
    workDir: path.join(dir, "work"),
    outFile: packet,
  });
  files = await readEntries(packet);
  keyFile = write("deployment-key.pem", Buffer.from(publicKeyInfo().pem));
}, 240_000);

describe("proofline verify refuses forged packets", { timeout: 120_000 }, () => {
  it("verifies the genuine packet with the deployment's key and prints the trail's signed head", async () => {
    const run = await cli([packet, "--public-key", keyFile]);
    expect(run.out).toContain("OK: the signature is valid and every file matches the manifest.");
    expect(run.out).toContain(
      `Activity trail head: event ${signedHead.eventId}, hash ${signedHead.hash}, signed at ${signedHead.signedAt} (signature valid)`,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(files.get("manifest.json")!.toString("utf8")).activityHead).toMatchObject(signedHead);
  });

  it("without a key, exits non-zero: the signature is not checked", async () => {
    const run = await cli([packet]);
    expect(run.code).toBe(1);
    expect(run.out).toContain("FAILED: signature not checked.");
    expect(run.out).not.toContain("OK:");
  });

  it("refuses a packet re-signed with another key, which printed OK when the manifest's own key was trusted", async () => {
    const forger = generateKeyPairSync("ed25519");
    const forgedCsv = Buffer.from("evidence_id,title\r\nforged,Everything passed\r\n");
    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8"));
    const listed = manifest.files.find((f: { path: string }) => f.path === "csv/evidence.csv");
    Object.assign(listed, {
      size: forgedCsv.length,
      sha256: (await import("node:crypto")).createHash("sha256").update(forgedCsv).digest("hex"),
    });
    manifest.signature.publicKey = forger.publicKey.export({ type: "spki", format: "der" }).toString("base64");
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    const forged = new Map(files);
    forged.set("csv/evidence.csv", forgedCsv);
    forged.set("manifest.json", manifestBytes);
    forged.set("manifest.sig", Buffer.from(`${sign(null, manifestBytes, forger.privateKey).toString("base64")}\n`));
    const file = path.join(dir, "resigned.zip");
    await writeDeterministicZip(
      file,
      [...forged].map(([p, bytes]) => ({ path: p, source: { bytes } })),
      new Date("2026-07-01T00:00:00Z"),
    );

    const withKey = await cli([file, "--public-key", keyFile]);
    expect(withKey.code).toBe(1);
    expect(withKey.out).toContain("DIFFERS manifest.json was signed for a different key than the deployment's");
    expect(withKey.out).toContain("DIFFERS manifest.json does not match its signature");
    const withoutKey = await cli([file]);
    expect(withoutKey.code).toBe(1);
    expect(withoutKey.out).toContain("signature not checked");
  });

  it("refuses a forged csv/evidence.csv placed before the genuine one under the same name", async () => {
    const forged: ForgedEntry = {
      name: "csv/evidence.csv",
      data: Buffer.from("evidence_id,title\r\nforged,Everything passed\r\n"),
    };
    const entries = genuineEntries();
    entries.splice(
      entries.findIndex((e) => e.name === "csv/evidence.csv"),
      0,
      forged,
    );
    const file = write("duplicate.zip", forgeZip(entries));
    // The attack is real: a ZIP tool extracting csv/evidence.csv shows the forged copy.
    expect(
      await new Promise<string>((r) =>
        execFile("unzip", ["-p", file, "csv/evidence.csv"], { encoding: "utf8" }, (_e, out) => r(out)),
      ),
    ).toContain("forged");
    const run = await cli([file, "--public-key", keyFile]);
    expect(run.code).toBe(2);
    expect(run.out).toContain('two entries are named "csv/evidence.csv"');
  });

  it("refuses a file the manifest does not list", async () => {
    const run = await cli([
      write("unlisted.zip", forgeZip([...genuineEntries(), { name: "csv/extra.csv", data: Buffer.from("a,b\r\n") }])),
      "--public-key",
      keyFile,
    ]);
    expect(run.code).toBe(1);
    expect(run.out).toContain("DIFFERS csv/extra.csv is in the packet but not listed in the manifest");
  });

  it("refuses a directory entry that carries data", async () => {
    const run = await cli([
      write("directory.zip", forgeZip([...genuineEntries(), { name: "csv/", data: Buffer.from("hidden,row\r\n") }])),
      "--public-key",
      keyFile,
    ]);
    expect(run.code).toBe(2);
    expect(run.out).toContain("csv/: a directory entry that carries data");
  });

  it("refuses a local header that names another file than the central directory", async () => {
    const entries = genuineEntries().map((e) =>
      e.name === "csv/evidence.csv" ? { ...e, localName: "csv/evidence.csw" } : e,
    );
    const run = await cli([write("local-name.zip", forgeZip(entries)), "--public-key", keyFile]);
    expect(run.code).toBe(2);
    expect(run.out).toContain('the local header of csv/evidence.csv names "csv/evidence.csw"');
  });

  describe("with the key fetched from the server and pinned (trust on first use)", () => {
    let server: http.Server;
    let url: string;
    let answer: "route" | "other-key" = "route";
    const configDir = mkdtempSync(path.join(tmpdir(), "proofline-known-keys-"));
    const env = { PROOFLINE_CONFIG_DIR: configDir };

    beforeAll(async () => {
      const other = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "der" }).toString("base64");
      server = http.createServer((req, res) => {
        void (async () => {
          if (req.url !== "/api/v1/audits/signing-key") return res.writeHead(404).end();
          // The app's own route, called without a session: the key is public.
          const body = answer === "route" ? (await call(keyRoute)).body : { algorithm: "Ed25519", publicKey: other };
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
        })();
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it("pins the key on first use, then verifies against it; a changed key is refused loudly", async () => {
      const first = await cli([packet, "--server", url], env);
      expect(first.out).toContain(`Pinned the signing key of ${url}`);
      expect(first.out).toContain("OK: the signature is valid");
      expect(first.code).toBe(0);
      const pinned = JSON.parse(readFileSync(path.join(configDir, "known-keys.json"), "utf8"));
      expect(pinned.servers[url].fingerprint).toBe(publicKeyInfo().fingerprint);
      expect(statSync(path.join(configDir, "known-keys.json")).mode & 0o777).toBe(0o600);

      const again = await cli([packet], { ...env, PROOFLINE_URL: url });
      expect(again.out).toContain(`(pinned for ${url} on `);
      expect(again.code).toBe(0);

      answer = "other-key";
      const changed = await cli([packet, "--server", url], env);
      expect(changed.code).toBe(1);
      expect(changed.out).toContain(`SIGNING KEY CHANGED for ${url}!`);
      expect(changed.out).not.toContain("OK:");
      // The pin is not replaced by the new key.
      expect(JSON.parse(readFileSync(path.join(configDir, "known-keys.json"), "utf8")).servers[url].fingerprint).toBe(
        publicKeyInfo().fingerprint,
      );
    });

    it("a first fetch from an unreachable server verifies nothing", async () => {
      const run = await cli([packet, "--server", "http://127.0.0.1:9"], {
        PROOFLINE_CONFIG_DIR: mkdtempSync(path.join(tmpdir(), "proofline-known-keys-")),
      });
      expect(run.code).toBe(3);
      expect(run.out).toContain("Could not fetch the signing key");
    });
  });
});
