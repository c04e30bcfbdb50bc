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
// An auditor packet (a ZIP) is checked offline: every file's size and sha256 against manifest.json,
// and the manifest's Ed25519 signature against the deployment's key, given with --public-key or
// fetched once from --server (or PROOFLINE_URL) and pinned in ~/.config/proofline/known-keys.json.
// Exit 0 when it verifies, 1 when anything differs (each differing file is named), when the signature
// could not be checked (no key) or when a pinned key changed, 2 when the packet is malformed or cannot
// be read (a duplicate, unsafe or overlapping entry, a damaged ZIP structure), 3 when the server
// holding the key is unreachable and no key is pinned.
//
//     node proofline.mjs verify packet.zip --public-key key.pem
//     node proofline.mjs verify packet.zip --server https://proofline.example.com
import { createHash, createPublicKey, verify as verifySignature } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { basename } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import { parseArgs as parseOptions } from "node:util";
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
  drill: "drill",
  runbook: "runbook",
};

const USAGE = `Usage: proofline push <file> --project <slug> [options]
       proofline push --drill <name> <file> <file> … --project <slug> [--runbook <key>]
                        several tool outputs (backup log, restore log, the restored copy's
                        PostgreSQL log, verification output) recorded as one restore drill

Options:
  --format <f>          junit, sarif, npm-audit, yarn-audit, pip-audit, trivy, grype,
                        osv-scanner, gitleaks, bandit, cyclonedx, spdx,
                        audit-log, auditd, pgaudit, cloudtrail, drill, restic, restic-check,
                        restic-forget, pgbackrest, pgbackrest-log, postgres-recovery, manual
                        (default: detected)
  --commit <sha>        --branch <name>   --repo <owner/name>   --workflow <name>
  --run-url <url>       --effective-at <ISO time>   --title <text>   --filename <name>
  --json                print the server's answer as JSON

       proofline gate --project <slug> --framework <key> [--min <0..1 or %>] [--json]
                        fails (exit 4) when readiness is under --min or below the previous run;
                        the token needs the readiness:read scope

       proofline verify <packet.zip> (--public-key <key.pem | base64 key> | --server <url>)
                        checks an auditor packet: every file against the manifest, and the manifest's
                        signature against the deployment's key (given, or fetched once and pinned)

Environment: PROOFLINE_URL (the server) and PROOFLINE_TOKEN (a project token, pl_…).`;

export function parseArgs(argv) {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseOptions({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(Object.keys(OPTIONS).map((name) => [name, { type: "string" }])),
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    if (typeof e?.code === "string" && e.code.startsWith("ERR_PARSE_ARGS")) {
      const unknown = /^Unknown option '(--?[^']+)'/.exec(e.message);
      const missing = /^Option '(--[\w-]+)/.exec(e.message);
      throw new UsageError(
        unknown ? `Unknown option ${unknown[1]}.` : missing ? `${missing[1]} needs a value.` : e.message,
      );
    }
    throw e;
  }
  const out = {
    command: parsed.values.help ? "help" : command,
    files: parsed.positionals,
    meta: {},
    json: parsed.values.json === true,
  };
  for (const [name, key] of Object.entries(OPTIONS)) {
    const value = parsed.values[name];
    if (value === undefined) continue;
    if (value === "") throw new UsageError(`--${name} needs a value.`);
    out.meta[key] = value;
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
    runUrl:
      env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
  };
}

async function push(args, env, out, err) {
  const url = env.PROOFLINE_URL;
  const token = env.PROOFLINE_TOKEN;
  if (!url || !token)
    throw new UsageError("Set PROOFLINE_URL (the Proofline server) and PROOFLINE_TOKEN (a project token).");
  if (args.meta.drill) return pushDrill(args, env, out, err);
  if (args.meta.runbook) throw new UsageError("--runbook goes with --drill <name>.");
  if (args.files.length !== 1) throw new UsageError("Give exactly one file to push (or several with --drill <name>).");
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
    out(
      `${body.status === "created" ? "Stored" : "Already stored"}: evidence ${body.id} (${body.kind}, ${body.format}${body.formatDetected ? ", detected" : ""})`,
    );
    out(`Outcome: ${body.outcome}: ${body.title}`);
    if (body.summary?.outcomeReason) out(`Why: ${body.summary.outcomeReason}`);
    out(
      `Filed under: ${body.controls?.length ? body.controls.join(", ") : "no control yet (add a rule in Proofline)"}`,
    );
  }
  return 0;
}

/**
 * Several files as one restore drill: POST /projects/<slug>/drills?name=…, multipart/form-data with one
 * file part per file, streamed from disk.
 */
async function pushDrill(args, env, out, err) {
  const { project, drill, runbook } = args.meta;
  if (!project) throw new UsageError("Name the project with --project <slug>.");
  if (!args.files.length) throw new UsageError("Give the drill's files: --drill <name> <file> <file> …");
  const extra = Object.keys(args.meta).filter((k) => !["project", "drill", "runbook"].includes(k));
  if (extra.length)
    throw new UsageError(`--${extra[0]} does not apply to a drill (its files are recognised by their content).`);
  for (const file of args.files) {
    try {
      statSync(file);
    } catch {
      throw new UsageError(`Cannot read ${file}.`);
    }
  }
  const boundary = `proofline-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const quote = (s) => s.replace(/["\\\r\n]/g, "_");
  async function* body() {
    for (const [i, file] of args.files.entries()) {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file${i + 1}"; filename="${quote(basename(file))}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      );
      for await (const chunk of createReadStream(file)) yield chunk;
      yield Buffer.from("\r\n");
    }
    yield Buffer.from(`--${boundary}--\r\n`);
  }
  const query = new URLSearchParams({ name: drill, ...(runbook ? { runbook } : {}) });
  const url = env.PROOFLINE_URL;
  let res;
  try {
    res = await fetch(`${url.replace(/\/+$/, "")}/api/v1/projects/${encodeURIComponent(project)}/drills?${query}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${env.PROOFLINE_TOKEN}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
        accept: "application/json",
      },
      body: Readable.toWeb(Readable.from(body())),
      duplex: "half",
    });
  } catch (e) {
    err(`Could not reach ${url}: ${e.cause?.message ?? e.message}`);
    return 3;
  }
  const text = await res.text();
  let result;
  try {
    result = JSON.parse(text);
  } catch {
    result = { detail: text.slice(0, 500) };
  }
  if (args.json) out(JSON.stringify(result, null, 2));
  if (!res.ok) {
    err(`Refused (${res.status} ${result.title ?? res.statusText}): ${result.detail ?? "no detail"}`);
    return 1;
  }
  if (!args.json) {
    for (const f of result.files)
      out(
        `${f.result.status === "created" ? "Stored" : "Already stored"}: ${f.filename} as evidence ${f.result.id} (${f.result.format}, ${f.result.outcome})`,
      );
    const d = result.drill;
    out(`Drill ${drill}: evidence ${d.id}, outcome ${d.outcome}: ${d.title}`);
    if (d.summary?.outcomeReason) out(`Why: ${d.summary.outcomeReason}`);
    if (d.summary?.rtoSeconds != null) out(`Measured RTO: ${d.summary.rtoSeconds} s`);
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
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1)
    throw new UsageError(`--min must be a fraction between 0 and 1 (0.8) or a percentage (80%), not "${value}".`);
  return fraction;
}

async function gate(args, env, out, err) {
  const url = env.PROOFLINE_URL;
  const token = env.PROOFLINE_TOKEN;
  if (!url || !token)
    throw new UsageError("Set PROOFLINE_URL (the Proofline server) and PROOFLINE_TOKEN (a project token).");
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
    out(
      `${fw.name} readiness of ${body.project.name}: ${pct(fw.score)} (${fw.met} of ${fw.applicable} requirements met) as of ${body.asOf}`,
    );
    out(prev ? `Previous run (${prev.day}): ${pct(prev.score)}` : "Previous run: none recorded yet");
    for (const f of fw.families)
      out(`  ${f.refId.padEnd(12)} ${pct(f.score).padStart(6)}  ${f.met}/${f.applicable}  ${f.title}`);
    if (fw.unmet.length) out(`Not met (${fw.unmet.length}):`);
    for (const r of fw.unmet) {
      out(`  ${r.refId} ${r.title}`);
      if (r.note) out(`      ${r.note}`);
      for (const c of r.controls) for (const why of c.reasons) out(`      ${c.key} ${c.state}: ${why.sentence}`);
    }
  }
  const failures = [];
  if (min !== undefined && (fw.score === null || fw.score < min))
    failures.push(`readiness ${pct(fw.score)} is under the minimum ${pct(min)}`);
  if (prev && prev.score !== null && fw.score !== null && fw.score < prev.score - 1e-9)
    failures.push(`readiness dropped from ${pct(prev.score)} (${prev.day}) to ${pct(fw.score)}`);
  for (const f of failures) err(`Gate failed: ${f}.`);
  if (!failures.length && !args.json) out("Gate passed.");
  return failures.length ? 4 : 0;
}

// ---- verify: auditor packets, offline ------------------------------------------------------------
// Reads the ZIP itself, strictly, so that what is verified is exactly what any unzip tool shows: the
// entries must tile the file from its first byte to the central directory with no gap or overlap,
// every local header must agree with the central directory, names must be unique, and each entry's
// size and CRC-32 must hold. Anything else is refused, never guessed at. Entries are inflated as
// streams and cut off at their declared size, so memory stays small whatever the packet's size.
// The manifest's signature is checked against the deployment's key, never against a key the packet
// carries: given with --public-key, or fetched once from the server and pinned (trust on first use).

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const MANIFEST = "manifest.json";
const SIGNATURE = "manifest.sig";
const MAX_ENTRIES = 200_000;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const MAX_SIGNATURE_BYTES = 4096;
const MAX_KEY_ANSWER_BYTES = 64 * 1024;
const HEAD_FORMAT = "proofline-activity-head/1";

class PacketError extends Error {}

async function readAt(fh, position, length) {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** A little-endian 64-bit field that must be a safe integer no larger than the file. */
function u64(buf, at, what, limit) {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(limit)) throw new PacketError(`${what} (${v}) points past the end of the file: a false ZIP64 field`);
  return Number(v);
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crc32Update(crc, buf) {
  let c = crc ^ -1;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/**
 * @typedef {{ name: string, method: number, flags: number, crc32: number, compressedSize: number, uncompressedSize: number, localOffset: number, dataOffset: number, zip64: boolean }} ZipEntryInfo
 */

/** The entries named in the central directory, parsed with every length checked against its bounds. */
function parseCentralDirectory(cd, count, fileSize) {
  /** @type {ZipEntryInfo[]} */
  const entries = [];
  const names = new Set();
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw new PacketError("damaged central directory");
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc32 = cd.readUInt32LE(p + 16);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const disk = cd.readUInt16LE(p + 34);
    const madeBy = cd.readUInt16LE(p + 4);
    const centralHeader = { needed: cd.readUInt16LE(p + 6), modified: cd.readUInt32LE(p + 12) };
    const internal = cd.readUInt16LE(p + 36);
    const external = cd.readUInt32LE(p + 38);
    let localOffset = cd.readUInt32LE(p + 42);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > cd.length) throw new PacketError("damaged central directory (an entry runs past its end)");
    const nameBytes = cd.subarray(p + 46, p + 46 + nameLength);
    const name = nameBytes.toString("utf8");
    if (
      !nameLength ||
      !Buffer.from(name, "utf8").equals(nameBytes) ||
      /[\u0000-\u001f\\]/.test(name) ||
      name.startsWith("/") ||
      name.split("/").includes("..")
    ) {
      throw new PacketError(`an entry has an unsafe or malformed name (${JSON.stringify(name.slice(0, 100))})`);
    }
    if (names.has(name))
      throw new PacketError(
        `two entries are named "${name}": a packet has each file once (a forged copy may be hiding behind the genuine one)`,
      );
    names.add(name);
    if (flags & 0x41) throw new PacketError(`${name}: encrypted entries are not packets`);
    if (method !== 0 && method !== 8) throw new PacketError(`${name}: unsupported compression method ${method}`);
    if (disk !== 0 && disk !== 0xffff) throw new PacketError(`${name}: multi-disk ZIP files are not packets`);
    if (commentLength !== 0 || internal !== 0)
      throw new PacketError(`${name}: carries a comment or attributes a packet never has`);
    const extra = cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    let zip64 = false;
    for (let e = 0; e + 4 <= extra.length;) {
      const id = extra.readUInt16LE(e);
      const len = extra.readUInt16LE(e + 2);
      if (e + 4 + len > extra.length) throw new PacketError(`${name}: damaged extra field`);
      if (id === 0x0001) {
        zip64 = true;
        let q = e + 4;
        const field = (what) => {
          if (q + 8 > e + 4 + len) throw new PacketError(`${name}: the ZIP64 field is too short for its ${what}`);
          const v = u64(extra, q, `${name}: ZIP64 ${what}`, Number.MAX_SAFE_INTEGER);
          q += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = field("size");
        if (compressedSize === 0xffffffff) compressedSize = field("compressed size");
        if (localOffset === 0xffffffff) localOffset = field("offset");
      }
      e += 4 + len;
    }
    if (!zip64 && (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff)) {
      throw new PacketError(`${name}: claims ZIP64 sizes but carries no ZIP64 field`);
    }
    if (compressedSize > fileSize || localOffset > fileSize)
      throw new PacketError(`${name}: its size or offset points past the end of the file`);
    if (method === 0 && compressedSize !== uncompressedSize)
      throw new PacketError(`${name}: stored, yet its sizes differ`);
    if (name.endsWith("/") && (uncompressedSize !== 0 || compressedSize > 2))
      throw new PacketError(`${name}: a directory entry that carries data`);
    entries.push({
      name,
      method,
      flags,
      crc32,
      compressedSize,
      uncompressedSize,
      localOffset,
      dataOffset: -1,
      zip64,
      nameBytes,
      madeBy,
      external,
      centralHeader,
    });
    p = end;
  }
  if (p !== cd.length) throw new PacketError("the central directory holds more than its entries");
  // One writer made every entry of a packet, with one file mode: an entry that differs was altered.
  const files = entries.filter((e) => !e.name.endsWith("/"));
  for (const e of entries) {
    if (e.madeBy !== entries[0].madeBy)
      throw new PacketError(`${e.name}: written by other software than the packet's other entries`);
    if (
      !e.name.endsWith("/") &&
      (e.external !== files[0].external || (e.madeBy >> 8 === 3 && e.external >>> 28 !== 0o10))
    ) {
      throw new PacketError(`${e.name}: its file attributes differ from the packet's other files`);
    }
  }
  return entries;
}

/**
 * The entries of a packet's ZIP file (ZIP64 included), after checking its whole structure: see the
 * top of this section. Throws a PacketError naming the first thing that is wrong.
 * @param {string} file
 * @returns {Promise<ZipEntryInfo[]>}
 */
export async function listZipEntries(file) {
  const fh = await open(file, "r");
  try {
    const { size } = await fh.stat();
    if (size < 22) throw new PacketError("not a ZIP file (too short)");
    const tailLength = Math.min(size, 22 + 65535);
    const tailStart = size - tailLength;
    const tail = await readAt(fh, tailStart, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new PacketError("not a ZIP file (no end-of-central-directory record at its end)");
    const eocdAt = tailStart + at;
    if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0)
      throw new PacketError("multi-disk ZIP files are not packets");
    let count = tail.readUInt16LE(at + 10);
    if (tail.readUInt16LE(at + 8) !== count) throw new PacketError("the end record's entry counts disagree");
    let cdSize = tail.readUInt32LE(at + 12);
    let cdOffset = tail.readUInt32LE(at + 16);
    let cdEnd = eocdAt;
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const locatorAt = eocdAt - 20;
      if (locatorAt < 0) throw new PacketError("damaged ZIP64 end-of-central-directory locator");
      const locator = await readAt(fh, locatorAt, 20);
      if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR)
        throw new PacketError("damaged ZIP64 end-of-central-directory locator");
      const recordAt = u64(locator, 8, "the ZIP64 record's offset", size);
      if (recordAt + 56 > locatorAt)
        throw new PacketError("the ZIP64 end-of-central-directory record lies outside the file");
      const record = await readAt(fh, recordAt, 56);
      if (record.readUInt32LE(0) !== ZIP64_EOCD) throw new PacketError("damaged ZIP64 end-of-central-directory record");
      if (u64(record, 4, "the ZIP64 record's size", size) + 12 !== locatorAt - recordAt)
        throw new PacketError("the ZIP64 end-of-central-directory record has a false size");
      count = u64(record, 32, "the ZIP64 entry count", size);
      if (u64(record, 24, "the ZIP64 entry count on this disk", size) !== count)
        throw new PacketError("the ZIP64 record's entry counts disagree");
      cdSize = u64(record, 40, "the ZIP64 central directory size", size);
      cdOffset = u64(record, 48, "the ZIP64 central directory offset", size);
      cdEnd = recordAt;
    }
    if (cdOffset + cdSize !== cdEnd)
      throw new PacketError(
        "the central directory does not end where the end record says (a false size, or bytes hidden after it)",
      );
    if (count > MAX_ENTRIES || count * 46 > cdSize)
      throw new PacketError(`the end record claims ${count} entries, more than its central directory can hold`);
    const cd = await readAt(fh, cdOffset, cdSize);
    if (cd.length !== cdSize) throw new PacketError("the central directory is truncated");
    const entries = parseCentralDirectory(cd, count, size);

    // The entries, in file order, must follow one another exactly from offset 0 to the central directory.
    let expected = 0;
    for (const entry of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
      if (entry.localOffset !== expected) {
        throw new PacketError(
          `${entry.name}: its local header is at ${entry.localOffset}, not at ${expected} where the previous entry ends (entries overlap, or bytes are hidden between them)`,
        );
      }
      const local = await readAt(fh, entry.localOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== LOCAL)
        throw new PacketError(`damaged local header for ${entry.name}`);
      const localFlags = local.readUInt16LE(6);
      const nameLength = local.readUInt16LE(26);
      const extraLength = local.readUInt16LE(28);
      const localName = await readAt(fh, entry.localOffset + 30, nameLength);
      if (!localName.equals(entry.nameBytes)) {
        throw new PacketError(
          `the local header of ${entry.name} names "${localName.toString("utf8").slice(0, 100)}": a ZIP tool would show another file than the one verified`,
        );
      }
      const central = entry.centralHeader;
      if (
        local.readUInt16LE(4) !== central.needed ||
        localFlags !== entry.flags ||
        local.readUInt16LE(8) !== entry.method ||
        local.readUInt32LE(10) !== central.modified
      ) {
        throw new PacketError(`${entry.name}: its local header disagrees with the central directory`);
      }
      entry.dataOffset = entry.localOffset + 30 + nameLength + extraLength;
      let end = entry.dataOffset + entry.compressedSize;
      if (localFlags & 0x08) {
        // A data descriptor follows the data: CRC-32 and sizes, with or without its signature, 8-byte sizes under ZIP64.
        const d = await readAt(fh, end, 24);
        const signed = d.length >= 4 && d.readUInt32LE(0) === DESCRIPTOR ? 4 : 0;
        const wide = entry.zip64 ? 8 : 4;
        const length = signed + 4 + 2 * wide;
        if (d.length < length) throw new PacketError(`${entry.name}: its data descriptor is truncated`);
        const read = (o) => (wide === 8 ? Number(d.readBigUInt64LE(o)) : d.readUInt32LE(o));
        if (
          d.readUInt32LE(signed) !== entry.crc32 ||
          read(signed + 4) !== entry.compressedSize ||
          read(signed + 4 + wide) !== entry.uncompressedSize
        ) {
          throw new PacketError(`${entry.name}: its data descriptor disagrees with the central directory`);
        }
        end += length;
        if (local.readUInt32LE(14) !== 0 || local.readUInt32LE(18) !== 0 || local.readUInt32LE(22) !== 0) {
          throw new PacketError(`${entry.name}: its local header states a CRC-32 or sizes besides its data descriptor`);
        }
      } else {
        const sized = (at, value) =>
          local.readUInt32LE(at) === value || (entry.zip64 && local.readUInt32LE(at) === 0xffffffff);
        if (
          local.readUInt32LE(14) !== entry.crc32 ||
          !sized(18, entry.compressedSize) ||
          !sized(22, entry.uncompressedSize)
        ) {
          throw new PacketError(
            `${entry.name}: its local header's CRC-32 or sizes disagree with the central directory`,
          );
        }
      }
      if (end > cdOffset) throw new PacketError(`${entry.name}: its data runs into the central directory`);
      expected = end;
    }
    if (expected !== cdOffset)
      throw new PacketError(
        `${cdOffset - expected} byte(s) between the last entry and the central directory belong to no entry`,
      );
    return entries;
  } finally {
    await fh.close();
  }
}

/**
 * Streams one entry's uncompressed bytes through `onChunk`; returns { size, sha256 }. Stops as soon as
 * more comes out than the entry declares (a ZIP bomb), and checks its size and CRC-32 at the end.
 */
export async function hashZipEntry(file, entry, onChunk) {
  if (entry.method !== 0 && entry.method !== 8)
    throw new PacketError(`${entry.name}: unsupported compression method ${entry.method}`);
  const hash = createHash("sha256");
  let size = 0;
  let crc = 0;
  if (entry.compressedSize > 0) {
    const raw = createReadStream(file, { start: entry.dataOffset, end: entry.dataOffset + entry.compressedSize - 1 });
    const stream = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    try {
      for await (const chunk of stream) {
        size += chunk.length;
        if (size > entry.uncompressedSize)
          throw new PacketError(`${entry.name}: inflates to more than the ${entry.uncompressedSize} bytes it declares`);
        hash.update(chunk);
        crc = crc32Update(crc, chunk);
        onChunk?.(chunk);
      }
    } catch (err) {
      raw.destroy();
      if (err instanceof PacketError) throw err;
      throw new PacketError(`${entry.name}: damaged compressed data (${err.code ?? err.message})`);
    }
  } else if (entry.method === 8) {
    throw new PacketError(`${entry.name}: empty deflate stream`);
  }
  if (size !== entry.uncompressedSize)
    throw new PacketError(`${entry.name}: inflates to ${size} bytes, not the ${entry.uncompressedSize} it declares`);
  if (crc !== entry.crc32) throw new PacketError(`${entry.name}: its CRC-32 does not match its data`);
  return { size, sha256: hash.digest("hex") };
}

async function entryBytes(file, entry, limit) {
  if (entry.uncompressedSize > limit) throw new PacketError(`${entry.name} is larger than ${limit} bytes`);
  const parts = [];
  await hashZipEntry(file, entry, (c) => parts.push(c));
  return Buffer.concat(parts);
}

function publicKeyFrom(text) {
  const trimmed = text.trim();
  const key = trimmed.startsWith("-----BEGIN")
    ? createPublicKey(trimmed)
    : createPublicKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "spki" });
  if (key.asymmetricKeyType !== "ed25519") throw new Error("not an Ed25519 key");
  return key;
}

function fingerprintOf(key) {
  return createHash("sha256")
    .update(key.export({ type: "spki", format: "der" }))
    .digest("hex");
}

function validSignature(bytes, key, signatureBase64) {
  try {
    return verifySignature(null, bytes, key, Buffer.from(signatureBase64, "base64"));
  } catch {
    return false;
  }
}

/** The bytes a signed activity-trail head signs (the same as lib/activity/signed-head.ts). */
export function activityHeadMessage(head) {
  return Buffer.from(`${HEAD_FORMAT}\nevent ${head.eventId}\nhash ${head.hash}\nsigned-at ${head.signedAt}\n`, "utf8");
}

const isRecord = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

function checkManifestShape(manifest) {
  if (!isRecord(manifest) || !Array.isArray(manifest.files)) throw new PacketError(`${MANIFEST} lists no files`);
  const paths = new Set();
  for (const f of manifest.files) {
    if (
      !isRecord(f) ||
      typeof f.path !== "string" ||
      !Number.isSafeInteger(f.size) ||
      f.size < 0 ||
      typeof f.sha256 !== "string" ||
      !/^[0-9a-f]{64}$/.test(f.sha256)
    ) {
      throw new PacketError(`${MANIFEST} has a malformed file entry`);
    }
    if (f.path === MANIFEST || f.path === SIGNATURE || paths.has(f.path))
      throw new PacketError(`${MANIFEST} lists "${f.path}" twice or lists itself`);
    paths.add(f.path);
  }
  const h = manifest.activityHead;
  if (
    h !== undefined &&
    h !== null &&
    !(isRecord(h) && ["eventId", "hash", "signedAt", "signature"].every((k) => typeof h[k] === "string"))
  ) {
    throw new PacketError(`${MANIFEST} has a malformed activityHead`);
  }
}

/**
 * Verifies a packet against the deployment's public key (`expectedPublicKey`: PEM, base64 SPKI or a
 * KeyObject). Without it, every file is still checked against the manifest, but the signature is not
 * checked, and the result is never ok: a packet re-signed with any key would otherwise pass.
 * Returns { ok, signatureChecked, problems: [{ path, problem }], files, fingerprint, manifest, activityHead }.
 */
export async function verifyPacket(file, { expectedPublicKey } = {}) {
  const entries = await listZipEntries(file);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const problems = [];
  const manifestEntry = byName.get(MANIFEST);
  const signatureEntry = byName.get(SIGNATURE);
  if (!manifestEntry) throw new PacketError(`the packet has no ${MANIFEST}`);
  const manifestBytes = await entryBytes(file, manifestEntry, MAX_MANIFEST_BYTES);
  let manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString("utf8"));
  } catch {
    throw new PacketError(`${MANIFEST} is not valid JSON`);
  }
  checkManifestShape(manifest);

  let key = null;
  if (expectedPublicKey) {
    try {
      key = typeof expectedPublicKey === "string" ? publicKeyFrom(expectedPublicKey) : expectedPublicKey;
    } catch {
      throw new PacketError("the public key given is not a valid Ed25519 key");
    }
  }
  const fingerprint = key ? fingerprintOf(key) : null;
  if (key && manifest.signature?.publicKey) {
    let named = null;
    try {
      named = fingerprintOf(publicKeyFrom(String(manifest.signature.publicKey)));
    } catch {
      problems.push({ path: MANIFEST, problem: "names a public key that is not valid" });
    }
    if (named && named !== fingerprint)
      problems.push({ path: MANIFEST, problem: "was signed for a different key than the deployment's" });
  }
  if (!signatureEntry) problems.push({ path: SIGNATURE, problem: "is missing: the manifest is not signed" });
  else if (key) {
    const signature = (await entryBytes(file, signatureEntry, MAX_SIGNATURE_BYTES)).toString("utf8").trim();
    if (!validSignature(manifestBytes, key, signature))
      problems.push({
        path: MANIFEST,
        problem: "does not match its signature (manifest.sig): the manifest was altered or signed by another key",
      });
  }

  const head = manifest.activityHead ?? null;
  const activityHead = head
    ? { ...head, signatureValid: key ? validSignature(activityHeadMessage(head), key, head.signature) : null }
    : null;
  if (activityHead?.signatureValid === false)
    problems.push({
      path: MANIFEST,
      problem: "carries an activity-trail head whose signature is not the deployment's",
    });

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
    if (actual.size !== f.size)
      problems.push({ path: f.path, problem: `differs: ${actual.size} bytes, the manifest says ${f.size}` });
    else if (actual.sha256 !== f.sha256)
      problems.push({ path: f.path, problem: `differs: sha256 ${actual.sha256}, the manifest says ${f.sha256}` });
  }
  for (const entry of entries) {
    const emptyDirectory = entry.name.endsWith("/") && entry.uncompressedSize === 0;
    if (entry.name !== MANIFEST && entry.name !== SIGNATURE && !listed.has(entry.name) && !emptyDirectory) {
      problems.push({ path: entry.name, problem: "is in the packet but not listed in the manifest" });
    }
  }
  return {
    ok: problems.length === 0 && key !== null,
    signatureChecked: key !== null,
    problems,
    files: manifest.files.length,
    fingerprint,
    manifest,
    activityHead,
  };
}

// ---- the deployment's key: given, or fetched once and pinned ------------------------------------

function knownKeysFile(env) {
  const dir = env.PROOFLINE_CONFIG_DIR || join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "proofline");
  return join(dir, "known-keys.json");
}

function serverId(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`--server must be a URL, not "${url}".`);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:")
    throw new UsageError(`--server must be an http(s) URL, not "${url}".`);
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}

async function fetchServerKey(server) {
  const res = await fetch(`${server}/api/v1/audits/signing-key`, {
    headers: { accept: "application/json" },
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`the server answered ${res.status}`);
  if (text.length > MAX_KEY_ANSWER_BYTES) throw new Error("the server's answer is too large");
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error("the server's answer is not JSON");
  }
  const key = publicKeyFrom(String(body?.publicKey ?? ""));
  const fingerprint = fingerprintOf(key);
  if (body.fingerprint !== undefined && body.fingerprint !== fingerprint)
    throw new Error("the server's key does not match the fingerprint it states");
  return { key, fingerprint, spki: key.export({ type: "spki", format: "der" }).toString("base64") };
}

/**
 * The server's packet-signing key, pinned in known-keys.json on first use. A pinned key is compared
 * with what the server shows now; a change is refused loudly, never followed.
 * Returns { key, how } or { error, code }.
 */
async function serverKey(server, env, out) {
  const file = knownKeysFile(env);
  let known = { servers: {} };
  try {
    known = JSON.parse(await readFile(file, "utf8"));
    if (!isRecord(known) || !isRecord(known.servers)) throw new Error("unexpected content");
  } catch (err) {
    if (err.code !== "ENOENT")
      return { error: `Cannot read the pinned keys in ${file} (${err.message}): fix or remove it.`, code: 2 };
    known = { servers: {} };
  }
  const pinned = known.servers[server];
  let fetched;
  let fetchError;
  try {
    fetched = await fetchServerKey(server);
  } catch (err) {
    fetchError = err.cause?.message ?? err.message;
  }
  if (pinned) {
    let key;
    try {
      key = publicKeyFrom(String(pinned.publicKey));
      if (fingerprintOf(key) !== pinned.fingerprint) throw new Error("fingerprint mismatch");
    } catch {
      return { error: `The key pinned for ${server} in ${file} is damaged: fix or remove that entry.`, code: 2 };
    }
    if (fetched && fetched.fingerprint !== pinned.fingerprint) {
      return {
        error: [
          `SIGNING KEY CHANGED for ${server}!`,
          `  pinned on ${pinned.pinnedAt}: ${pinned.fingerprint}`,
          `  the server shows now:   ${fetched.fingerprint}`,
          `Nothing is trusted with the new key. If the deployment's key was really replaced, confirm the new`,
          `fingerprint with its operators, then remove the entry for ${server} from ${file}.`,
        ].join("\n"),
        code: 1,
      };
    }
    return {
      key,
      how: `pinned for ${server} on ${pinned.pinnedAt}${fetched ? "" : `; the server could not be asked (${fetchError}), so the pinned key was used`}`,
    };
  }
  if (!fetched)
    return {
      error: `Could not fetch the signing key from ${server} (${fetchError}). Give it with --public-key instead.`,
      code: 3,
    };
  known.servers[server] = {
    fingerprint: fetched.fingerprint,
    publicKey: fetched.spki,
    pinnedAt: new Date().toISOString(),
  };
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(known, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
  out(
    `Pinned the signing key of ${server} in ${file} (trust on first use): compare its fingerprint once with the one Proofline shows.`,
  );
  return { key: fetched.key, how: `fetched from ${server} and pinned now` };
}

const VERIFY_USAGE = "usage: verify <packet.zip> [--public-key <key.pem | PEM | base64 SPKI>] [--server <url>]";

/** The command line: prints a report and returns the exit status. */
export async function verifyCommand(args, out = console.log, env = process.env) {
  let parsed;
  try {
    // A PEM key given inline starts with dashes; parseArgs would take it for an option, so the value that
    // follows --public-key or --server is bound to it here, whatever it starts with.
    const bound = [];
    for (let i = 0; i < args.length; i++) {
      if ((args[i] === "--public-key" || args[i] === "--server") && i + 1 < args.length)
        bound.push(`${args[i]}=${args[++i]}`);
      else bound.push(args[i]);
    }
    parsed = parseOptions({
      args: bound,
      allowPositionals: true,
      strict: true,
      options: { "public-key": { type: "string" }, server: { type: "string" } },
    });
  } catch (e) {
    if (!(typeof e?.code === "string" && e.code.startsWith("ERR_PARSE_ARGS"))) throw e;
    const missing = /^Option '(--[\w-]+)/.exec(e.message);
    out(
      `${e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && missing ? `${missing[1]} needs a value.` : `Unexpected argument: ${e.message}`}\n${VERIFY_USAGE}`,
    );
    return 2;
  }
  const keyArg = parsed.values["public-key"] || undefined;
  const server = parsed.values.server || undefined;
  if (parsed.values["public-key"] === "" || parsed.values.server === "") {
    out(`${parsed.values.server === "" ? "--server" : "--public-key"} needs a value.\n${VERIFY_USAGE}`);
    return 2;
  }
  if (parsed.positionals.length > 1) {
    out(`Unexpected argument ${parsed.positionals[1]}.\n${VERIFY_USAGE}`);
    return 2;
  }
  const file = parsed.positionals[0];
  if (!file) {
    out(VERIFY_USAGE);
    return 2;
  }
  let key = null;
  let how = "";
  if (keyArg) {
    let text = keyArg;
    if (!keyArg.startsWith("-----") && !/^[A-Za-z0-9+/=]{40,}$/.test(keyArg)) {
      try {
        text = await readFile(keyArg, "utf8");
      } catch {
        out(`Cannot read the public key file ${keyArg}.`);
        return 2;
      }
    }
    try {
      key = publicKeyFrom(text);
    } catch {
      out("The public key given is not a valid Ed25519 key (PEM, or base64 SubjectPublicKeyInfo).");
      return 2;
    }
    how = "the key given";
  } else if (server || env.PROOFLINE_URL) {
    let id;
    try {
      id = serverId(server || env.PROOFLINE_URL);
    } catch (err) {
      out(err.message);
      return 2;
    }
    const found = await serverKey(id, env, out);
    if (found.error) {
      out(found.error);
      return found.code;
    }
    key = found.key;
    how = found.how;
  }
  let result;
  try {
    result = await verifyPacket(file, { expectedPublicKey: key });
  } catch (err) {
    out(`Cannot verify ${file}: ${err instanceof PacketError ? err.message : (err.message ?? String(err))}`);
    return 2;
  }
  const audit = isRecord(result.manifest.audit) ? result.manifest.audit : {};
  out(
    `Packet: ${audit.name ?? "(unnamed)"} (${audit.windowStart ?? "?"} to ${audit.windowEnd ?? "?"}), ${result.files} file(s)`,
  );
  if (key) out(`Signing key fingerprint (sha256): ${result.fingerprint} (${how})`);
  const head = result.activityHead;
  if (head) {
    const state =
      head.signatureValid === null
        ? "signature not checked"
        : head.signatureValid
          ? "signature valid"
          : "SIGNATURE INVALID";
    out(`Activity trail head: event ${head.eventId}, hash ${head.hash}, signed at ${head.signedAt} (${state})`);
  } else out("Activity trail head: none (the packet was built before the trail's head was first signed)");
  if (!result.ok && result.problems.length) {
    for (const p of result.problems) out(`DIFFERS ${p.path} ${p.problem}`);
    out(`FAILED: ${result.problems.length} problem(s).`);
    return 1;
  }
  if (!key) {
    out("FAILED: signature not checked. Every file matches the manifest, but nothing shows the manifest is genuine:");
    out(
      "give the deployment's key with --public-key <file> (the audit page shows it), or --server <url> to fetch it once and pin it.",
    );
    return 1;
  }
  out(`OK: the signature is valid and every file matches the manifest.`);
  return 0;
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
    if (argv[0] === "verify") return await verifyCommand(argv.slice(1), out, env);
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
