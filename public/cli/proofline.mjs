#!/usr/bin/env node
// Proofline CLI: pushes evidence files to a Proofline server. One file, no dependencies, Node 18+.
// Download it from your server at /cli/proofline.mjs, or run it from the repository with
// `npm run proofline -- push …`.
//
//   PROOFLINE_URL=https://proofline.example.com PROOFLINE_TOKEN=pl_… \
//     node proofline.mjs push junit.xml --project my-service [--format junit] [--commit <sha>]
//
// In GitHub Actions the repository, branch, commit, workflow and run URL are taken from the GITHUB_*
// variables unless given as options. Exit codes: 0 stored (or already stored), 1 refused by the
// server, 2 wrong usage, 3 server unreachable.
//
// The readiness gate fails a pipeline when readiness is under a threshold or below the previous run
// (the last daily snapshot): exit 4 then, 0 when it passes.
//
//     node proofline.mjs gate --project my-service --framework soc2 --min 0.8
//
// An auditor packet (a ZIP) is checked offline, without a server: every file's size and sha256
// against manifest.json, and the manifest's Ed25519 signature. Exit 0 when it verifies, 1 when
// anything differs (each differing file is named), 2 when the packet cannot be read.
//
//     node proofline.mjs verify packet.zip [--public-key key.pem]
import { createHash, createPublicKey, verify as verifySignature } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { basename } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import { createGunzip, createInflateRaw } from "node:zlib";

const OPTIONS = {
  project: "project",
  format: "format",
  commit: "commit",
  branch: "branch",
  repo: "repo",
  workflow: "workflow",
  "run-url": "runUrl",
  "effective-at": "effectiveAt",
  "period-start": "periodStart",
  "period-end": "periodEnd",
  title: "title",
  filename: "filename",
  framework: "framework",
  min: "min",
};

const USAGE = `Usage: proofline push <file> --project <slug> [options]

Options:
  --format <f>          junit, sarif, npm-audit, yarn-audit, pip-audit, cyclonedx, spdx,
                        audit-log, drill, restic, pgbackrest, manual (default: detected)
  --commit <sha>        --branch <name>   --repo <owner/name>   --workflow <name>
  --run-url <url>       --effective-at <ISO time>   --title <text>   --filename <name>
  --json                print the server's answer as JSON

       proofline gate --project <slug> --framework <key> [--min <0..1 or %>] [--json]
                        fails (exit 4) when readiness is under --min or below the previous run;
                        the token needs the readiness:read scope

       proofline verify <packet.zip> [--public-key <key.pem | base64 key>]
                        checks an auditor packet offline: every file against the signed manifest

Environment: PROOFLINE_URL (the server) and PROOFLINE_TOKEN (a project token, pl_…).`;

export function parseArgs(argv) {
  const [command, ...rest] = argv;
  const out = { command, files: [], meta: {}, json: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--json") out.json = true;
    else if (arg === "--help" || arg === "-h") out.command = "help";
    else if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (!(name in OPTIONS)) throw new UsageError(`Unknown option --${name}.`);
      const value = inline ?? rest[++i];
      if (value === undefined || value === "") throw new UsageError(`--${name} needs a value.`);
      out.meta[OPTIONS[name]] = value;
    } else out.files.push(arg);
  }
  return out;
}

class UsageError extends Error {}

/**
 * Source facts from a GitHub Actions run, for whatever the options did not give.
 * @param {Record<string, string | undefined>} env
 */
export function githubDefaults(env) {
  if (env.GITHUB_ACTIONS !== "true") return {};
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  return {
    repo: env.GITHUB_REPOSITORY,
    branch: env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME,
    commit: env.GITHUB_SHA,
    workflow: env.GITHUB_WORKFLOW,
    runUrl: env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
  };
}

async function push(args, env, out, err) {
  const url = env.PROOFLINE_URL;
  const token = env.PROOFLINE_TOKEN;
  if (!url || !token) throw new UsageError("Set PROOFLINE_URL (the Proofline server) and PROOFLINE_TOKEN (a project token).");
  if (args.files.length !== 1) throw new UsageError("Give exactly one file to push.");
  const { project, ...meta } = { ...githubDefaults(env), ...args.meta };
  if (!project) throw new UsageError("Name the project with --project <slug>.");
  const file = args.files[0];
  let size;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`Cannot read ${file}.`);
  }
  // A .gz file is sent as it is, with Content-Encoding: gzip; the server keeps the decompressed bytes.
  const gzip = /\.gz$/i.test(file);
  let digest;
  try {
    digest = await digestFile(file, gzip);
  } catch (e) {
    err(`Cannot read ${file}${gzip ? " as gzip" : ""}: ${e.message}`);
    return 2;
  }
  const query = new URLSearchParams({ filename: basename(file).replace(gzip ? /\.gz$/i : /$^/, "") || basename(file) });
  for (const [k, v] of Object.entries(meta)) if (v) query.set(k, v);
  const endpoint = `${url.replace(/\/+$/, "")}/api/v1/projects/${encodeURIComponent(project)}/evidence?${query}`;
  let res;
  try {
    res = await fetch(endpoint, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/octet-stream",
        "content-length": String(size),
        // RFC 9530: the sha-256 of the bytes sent; the server refuses the body if it differs.
        "content-digest": `sha-256=:${digest.sent}:`,
        ...(gzip ? { "content-encoding": "gzip" } : {}),
        accept: "application/json",
      },
      body: Readable.toWeb(createReadStream(file)),
      duplex: "half",
    });
  } catch (e) {
    err(`Could not reach ${url}: ${e.cause?.message ?? e.message}`);
    return 3;
  }
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = { detail: text.slice(0, 500) };
  }
  if (args.json) out(JSON.stringify(body, null, 2));
  if (!res.ok) {
    err(`Refused (${res.status} ${body.title ?? res.statusText}): ${body.detail ?? "no detail"}`);
    for (const e of body.errors ?? []) err(`  ${e.path}: ${e.message}`);
    return 1;
  }
  // The server answers with the sha256 and size of what it stored: they must be the file's.
  if (body.sha256 !== digest.sha256 || Number(body.byteSize) !== digest.size) {
    err(
      `The server stored different bytes than ${file} holds: sha256 ${body.sha256 ?? "none"}, ${body.byteSize ?? "?"} bytes; the file${gzip ? " (decompressed)" : ""} has sha256 ${digest.sha256}, ${digest.size} bytes. Evidence ${body.id ?? "?"} does not match; push again.`,
    );
    return 1;
  }
  if (!args.json) {
    out(`${body.status === "created" ? "Stored" : "Already stored"}: evidence ${body.id} (${body.kind}, ${body.format}${body.formatDetected ? ", detected" : ""})`);
    out(`Outcome: ${body.outcome}: ${body.title}`);
    if (body.summary?.outcomeReason) out(`Why: ${body.summary.outcomeReason}`);
    out(`Filed under: ${body.controls?.length ? body.controls.join(", ") : "no control yet (add a rule in Proofline)"}`);
  }
  return 0;
}

/**
 * The sha-256 of the file as sent (base64, for Content-Digest), and the sha256 (hex) and size of the
 * bytes the server will keep: the file itself, or its decompressed content when it is gzip.
 */
export async function digestFile(file, gzip) {
  const sent = createHash("sha256");
  const kept = createHash("sha256");
  let size = 0;
  const keep = async (source) => {
    for await (const chunk of source) {
      kept.update(chunk);
      size += chunk.length;
    }
  };
  const tap = new Transform({
    transform(chunk, _enc, done) {
      sent.update(chunk);
      done(null, chunk);
    },
  });
  if (gzip) await pipeline(createReadStream(file), tap, createGunzip(), keep);
  else await pipeline(createReadStream(file), tap, keep);
  return { sent: sent.digest("base64"), sha256: kept.digest("hex"), size };
}

const pct = (score) => (score === null || score === undefined ? "n/a" : `${Math.round(score * 1000) / 10}%`);

/** "0.8", "80%" or "80" (a percentage) as a fraction; undefined when not given. */
export function parseMin(value) {
  if (value === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(value.trim());
  const n = m ? Number(m[1]) : NaN;
  const fraction = m && (m[2] === "%" || n > 1) ? n / 100 : n;
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) throw new UsageError(`--min must be a fraction between 0 and 1 (0.8) or a percentage (80%), not "${value}".`);
  return fraction;
}

async function gate(args, env, out, err) {
  const url = env.PROOFLINE_URL;
  const token = env.PROOFLINE_TOKEN;
  if (!url || !token) throw new UsageError("Set PROOFLINE_URL (the Proofline server) and PROOFLINE_TOKEN (a project token).");
  const { project, framework } = args.meta;
  if (!project) throw new UsageError("Name the project with --project <slug>.");
  if (!framework) throw new UsageError("Name the framework with --framework <key>, e.g. soc2.");
  const min = parseMin(args.meta.min);
  const endpoint = `${url.replace(/\/+$/, "")}/api/v1/projects/${encodeURIComponent(project)}/readiness?framework=${encodeURIComponent(framework)}`;
  let res;
  try {
    res = await fetch(endpoint, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
  } catch (e) {
    err(`Could not reach ${url}: ${e.cause?.message ?? e.message}`);
    return 3;
  }
  const body = await res.json().catch(() => ({ detail: `The server answered ${res.status} without JSON.` }));
  if (!res.ok) {
    err(`Refused (${res.status} ${body.title ?? res.statusText}): ${body.detail ?? "no detail"}`);
    for (const e of body.errors ?? []) err(`  ${e.path}: ${e.message}`);
    return 1;
  }
  if (args.json) out(JSON.stringify(body, null, 2));
  const fw = body.frameworks[0];
  const prev = fw.previous;
  if (!args.json) {
    out(`${fw.name} readiness of ${body.project.name}: ${pct(fw.score)} (${fw.met} of ${fw.applicable} requirements met) as of ${body.asOf}`);
    out(prev ? `Previous run (${prev.day}): ${pct(prev.score)}` : "Previous run: none recorded yet");
    for (const f of fw.families) out(`  ${f.refId.padEnd(12)} ${pct(f.score).padStart(6)}  ${f.met}/${f.applicable}  ${f.title}`);
    if (fw.unmet.length) out(`Not met (${fw.unmet.length}):`);
    for (const r of fw.unmet) {
      out(`  ${r.refId} ${r.title}`);
      if (r.note) out(`      ${r.note}`);
      for (const c of r.controls) for (const why of c.reasons) out(`      ${c.key} ${c.state}: ${why.sentence}`);
    }
  }
  const failures = [];
  if (min !== undefined && (fw.score === null || fw.score < min)) failures.push(`readiness ${pct(fw.score)} is under the minimum ${pct(min)}`);
  if (prev && prev.score !== null && fw.score !== null && fw.score < prev.score - 1e-9) failures.push(`readiness dropped from ${pct(prev.score)} (${prev.day}) to ${pct(fw.score)}`);
  for (const f of failures) err(`Gate failed: ${f}.`);
  if (!failures.length && !args.json) out("Gate passed.");
  return failures.length ? 4 : 0;
}

// ---- verify: auditor packets, offline ------------------------------------------------------------
// Reads the ZIP's central directory itself and inflates each entry with node:zlib as a stream, so
// memory stays small whatever the packet's size.

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MANIFEST = "manifest.json";
const SIGNATURE = "manifest.sig";

class PacketError extends Error {}

async function readAt(fh, position, length) {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/**
 * @typedef {{ name: string, method: number, compressedSize: number, uncompressedSize: number, localOffset: number, dataOffset: number }} ZipEntryInfo
 */

/**
 * The entries of a ZIP file, from its central directory (ZIP64 included).
 * @param {string} file
 * @returns {Promise<ZipEntryInfo[]>}
 */
export async function listZipEntries(file) {
  const fh = await open(file, "r");
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 22 + 65535);
    const tail = await readAt(fh, size - tailLength, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new PacketError("not a ZIP file (no end-of-central-directory record)");
    let count = tail.readUInt16LE(at + 10);
    let cdSize = tail.readUInt32LE(at + 12);
    let cdOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const locatorAt = size - tailLength + at - 20;
      const locator = await readAt(fh, locatorAt, 20);
      if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw new PacketError("damaged ZIP64 end-of-central-directory locator");
      const eocd64 = await readAt(fh, Number(locator.readBigUInt64LE(8)), 56);
      if (eocd64.readUInt32LE(0) !== ZIP64_EOCD) throw new PacketError("damaged ZIP64 end-of-central-directory record");
      count = Number(eocd64.readBigUInt64LE(32));
      cdSize = Number(eocd64.readBigUInt64LE(40));
      cdOffset = Number(eocd64.readBigUInt64LE(48));
    }
    const cd = await readAt(fh, cdOffset, cdSize);
    /** @type {ZipEntryInfo[]} */
    const entries = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw new PacketError("damaged central directory");
      const method = cd.readUInt16LE(p + 10);
      let compressedSize = cd.readUInt32LE(p + 20);
      let uncompressedSize = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      let localOffset = cd.readUInt32LE(p + 42);
      const name = cd.subarray(p + 46, p + 46 + nameLength).toString("utf8");
      const extra = cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
      for (let e = 0; e + 4 <= extra.length; ) {
        const id = extra.readUInt16LE(e);
        const len = extra.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (uncompressedSize === 0xffffffff) {
            uncompressedSize = Number(extra.readBigUInt64LE(q));
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = Number(extra.readBigUInt64LE(q));
            q += 8;
          }
          if (localOffset === 0xffffffff) localOffset = Number(extra.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
      entries.push({ name, method, compressedSize, uncompressedSize, localOffset, dataOffset: -1 });
      p += 46 + nameLength + extraLength + commentLength;
    }
    for (const entry of entries) {
      const local = await readAt(fh, entry.localOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw new PacketError(`damaged local header for ${entry.name}`);
      entry.dataOffset = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Streams one entry's uncompressed bytes through `onChunk`; returns { size, sha256 }. */
export async function hashZipEntry(file, entry, onChunk) {
  if (entry.method !== 0 && entry.method !== 8) throw new PacketError(`${entry.name}: unsupported compression method ${entry.method}`);
  const hash = createHash("sha256");
  let size = 0;
  if (entry.compressedSize > 0) {
    const raw = createReadStream(file, { start: entry.dataOffset, end: entry.dataOffset + entry.compressedSize - 1 });
    const stream = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    for await (const chunk of stream) {
      size += chunk.length;
      hash.update(chunk);
      onChunk?.(chunk);
    }
  } else if (entry.method === 8) {
    throw new PacketError(`${entry.name}: empty deflate stream`);
  }
  return { size, sha256: hash.digest("hex") };
}

async function entryBytes(file, entry) {
  const parts = [];
  await hashZipEntry(file, entry, (c) => parts.push(c));
  return Buffer.concat(parts);
}

function publicKeyFrom(text) {
  const trimmed = text.trim();
  if (trimmed.startsWith("-----BEGIN")) return createPublicKey(trimmed);
  return createPublicKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "spki" });
}

function fingerprintOf(key) {
  return createHash("sha256").update(key.export({ type: "spki", format: "der" })).digest("hex");
}

/**
 * Verifies a packet. `expectedPublicKey` (PEM or base64 SPKI) pins the deployment's key; without it
 * the key named in the manifest is used and its fingerprint reported for comparison with the app.
 * Returns { ok, problems: [{ path, problem }], files, fingerprint, manifest }.
 */
export async function verifyPacket(file, { expectedPublicKey } = {}) {
  const entries = await listZipEntries(file);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const problems = [];
  const manifestEntry = byName.get(MANIFEST);
  const signatureEntry = byName.get(SIGNATURE);
  if (!manifestEntry) throw new PacketError(`the packet has no ${MANIFEST}`);
  const manifestBytes = await entryBytes(file, manifestEntry);
  let manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString("utf8"));
  } catch {
    throw new PacketError(`${MANIFEST} is not valid JSON`);
  }
  if (!Array.isArray(manifest.files)) throw new PacketError(`${MANIFEST} lists no files`);

  let key;
  try {
    key = publicKeyFrom(expectedPublicKey ?? manifest.signature?.publicKey ?? "");
  } catch {
    throw new PacketError(expectedPublicKey ? "the public key given is not a valid Ed25519 key" : `${MANIFEST} carries no valid public key`);
  }
  const fingerprint = fingerprintOf(key);
  if (expectedPublicKey && manifest.signature?.publicKey) {
    try {
      if (fingerprintOf(publicKeyFrom(manifest.signature.publicKey)) !== fingerprint) {
        problems.push({ path: MANIFEST, problem: "was signed for a different key than the one given" });
      }
    } catch {
      problems.push({ path: MANIFEST, problem: "names a public key that is not valid" });
    }
  }
  if (!signatureEntry) problems.push({ path: SIGNATURE, problem: "is missing: the manifest is not signed" });
  else {
    const signature = Buffer.from((await entryBytes(file, signatureEntry)).toString("utf8").trim(), "base64");
    if (!verifySignature(null, manifestBytes, key, signature)) problems.push({ path: MANIFEST, problem: "does not match its signature (manifest.sig): the manifest was altered or signed by another key" });
  }

  const listed = new Set();
  for (const f of manifest.files) {
    listed.add(f.path);
    const entry = byName.get(f.path);
    if (!entry) {
      problems.push({ path: f.path, problem: "is listed in the manifest but missing from the packet" });
      continue;
    }
    let actual;
    try {
      actual = await hashZipEntry(file, entry);
    } catch (err) {
      problems.push({ path: f.path, problem: `cannot be read (${err.message})` });
      continue;
    }
    if (actual.size !== f.size) problems.push({ path: f.path, problem: `differs: ${actual.size} bytes, the manifest says ${f.size}` });
    else if (actual.sha256 !== f.sha256) problems.push({ path: f.path, problem: `differs: sha256 ${actual.sha256}, the manifest says ${f.sha256}` });
  }
  for (const entry of entries) {
    if (entry.name !== MANIFEST && entry.name !== SIGNATURE && !listed.has(entry.name) && !entry.name.endsWith("/")) {
      problems.push({ path: entry.name, problem: "is in the packet but not listed in the manifest" });
    }
  }
  return { ok: problems.length === 0, problems, files: manifest.files.length, fingerprint, manifest };
}

/** The command line: prints a report and returns the exit status. */
export async function verifyCommand(args, out = console.log) {
  const file = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--public-key");
  const keyArg = args[args.indexOf("--public-key") + 1];
  if (!file) {
    out("usage: verify <packet.zip> [--public-key <key.pem | base64 SPKI>]");
    return 2;
  }
  let expectedPublicKey;
  if (args.includes("--public-key")) {
    if (!keyArg) {
      out("--public-key needs a PEM file or a base64 key");
      return 2;
    }
    expectedPublicKey = keyArg.startsWith("-----") || /^[A-Za-z0-9+/=]{40,}$/.test(keyArg) ? keyArg : await readFile(keyArg, "utf8");
  }
  let result;
  try {
    result = await verifyPacket(file, { expectedPublicKey });
  } catch (err) {
    out(`Cannot verify ${file}: ${err instanceof PacketError ? err.message : err.message ?? String(err)}`);
    return 2;
  }
  const audit = result.manifest.audit ?? {};
  out(`Packet: ${audit.name ?? "(unnamed)"} (${audit.windowStart ?? "?"} to ${audit.windowEnd ?? "?"}), ${result.files} file(s)`);
  out(`Signing key fingerprint (sha256): ${result.fingerprint}${expectedPublicKey ? " (the key given)" : " (from the manifest: compare it with the one Proofline shows)"}`);
  if (result.ok) {
    out(`OK: the signature is valid and every file matches the manifest.`);
    return 0;
  }
  for (const p of result.problems) out(`DIFFERS ${p.path} ${p.problem}`);
  out(`FAILED: ${result.problems.length} problem(s).`);
  return 1;
}

/**
 * @param {string[]} argv
 * @param {Record<string, string | undefined>} [env]
 * @param {(line: string) => void} [out]
 * @param {(line: string) => void} [err]
 * @returns {Promise<number>} the exit code
 */
export async function main(argv, env = process.env, out = console.log, err = console.error) {
  try {
    if (argv[0] === "verify") return await verifyCommand(argv.slice(1), out);
    const args = parseArgs(argv);
    if (args.command === "push") return await push(args, env, out, err);
    if (args.command === "gate") return await gate(args, env, out, err);
    if (!args.command || args.command === "help") {
      out(USAGE);
      return args.command ? 0 : 2;
    }
    throw new UsageError(`Unknown command "${args.command}".`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`${e.message}\n\n${USAGE}`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
