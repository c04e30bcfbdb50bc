// The served tier: bodies of every size through `next start` (the production build the Playwright tier
// uses), as users and CI send them. scripts/test.ts starts the server and sets SERVED_URL, SERVED_PID,
// DATABASE_URL, BLOB_DIR and NEXTAUTH_SECRET; the tests create their own project, token and user.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { makeProject, makeUser } from "@/tests/factories";
import { sessionCookie } from "@/tests/api";
import { makeToken, rowCounts } from "@/lib/evidence/testing/helpers";
import { sealSecret } from "@/lib/secret-box";
import { githubSecretContext } from "@/lib/secrets/stored-secrets";
import {
  auditLog,
  cycloneDx,
  digestHeader,
  download,
  gzipped,
  junitReport,
  rawRequest,
  send,
  zeros,
  type Generated,
} from "./bodies";

const MB = 1024 * 1024;
const BASE = process.env.SERVED_URL!;
const PID = Number(process.env.SERVED_PID);
const BLOB_DIR = process.env.BLOB_DIR!;
const RSS_LIMIT = 300 * MB;
if (!BASE || !PID || !BLOB_DIR)
  throw new Error("Run the served tier through `tsx scripts/test.ts served` (it starts the server).");

let project: { id: string; slug: string };
let bearer: Record<string, string>;
let cookie: Record<string, string>;
const tmp = mkdtempSync(path.join(os.tmpdir(), "proofline-served-"));

beforeAll(async () => {
  project = await makeProject();
  bearer = { authorization: `Bearer ${(await makeToken(project.id)).secret}` };
  const admin = await makeUser({ role: "ADMIN" });
  cookie = { cookie: await sessionCookie(admin.id) };
});
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await prisma.$disconnect();
});

const evidenceUrl = (format?: string) =>
  `${BASE}/api/v1/projects/${project.slug}/evidence${format ? `?format=${format}` : ""}`;

/** Size and hash of a generated body, by running it once (for Content-Length and Content-Digest). */
function measure(g: Generated): Generated {
  for (const chunk of g.chunks()) void chunk;
  return g;
}

function blobFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else out.push(path.join(dir, e.name));
    }
  };
  walk(path.join(BLOB_DIR, "sha256"));
  return out.sort();
}

const spoolFiles = () => (existsSync(path.join(BLOB_DIR, "tmp")) ? readdirSync(path.join(BLOB_DIR, "tmp")) : []);

async function snapshot() {
  return {
    rows: await rowCounts(project.id),
    blobs: blobFiles(),
    attachments: await prisma.exerciseAttachment.count(),
  };
}

/**
 * After a refusal: the same rows and blobs as before, and no spool file left. The server may still be
 * removing the spool file of a body whose client went away, so that one is awaited (not timed).
 */
async function expectNothingWritten(before: Awaited<ReturnType<typeof snapshot>>) {
  for (let i = 0; i < 200 && spoolFiles().length; i++) await new Promise((r) => setTimeout(r, 100));
  expect(spoolFiles()).toEqual([]);
  expect(await snapshot()).toEqual(before);
}

async function expectOriginal(id: string, g: Generated) {
  const got = await download(`${BASE}/api/v1/projects/${project.slug}/evidence/${id}/original`, bearer);
  expect(got).toEqual({ status: 200, sha256: g.sha256, bytes: g.bytes });
}

/** Pushes a generated body (chunked, or with Content-Length and Content-Digest when measured first). */
async function pushGenerated(g: Generated, format: string, withDigest = false) {
  if (withDigest) measure(g);
  const headers = {
    ...bearer,
    "content-type": "application/octet-stream",
    ...(withDigest ? { "content-length": String(g.bytes), "content-digest": digestHeader(g.sha256) } : {}),
  };
  const answer = await send(evidenceUrl(format), { headers, chunks: g.chunks() });
  expect(answer).not.toBeNull();
  return answer!;
}

async function expectStored(g: Generated, format: string, withDigest = false) {
  const answer = await pushGenerated(g, format, withDigest);
  expect([answer.status, answer.body.status]).toEqual([201, "created"]);
  expect([answer.body.sha256, answer.body.byteSize]).toEqual([g.sha256, g.bytes]);
  const summary = answer.body.summary;
  if (format === "audit-log") {
    expect([summary.lines, summary.events, summary.rejected]).toEqual([g.records, g.records, 0]);
    expect(await prisma.auditEvent.count({ where: { evidenceId: answer.body.id } })).toBe(g.records);
  } else if (format === "junit") {
    expect(summary.tests).toBe(g.records);
  } else {
    expect(summary.components).toBe(g.records);
  }
  await expectOriginal(answer.body.id, g);
  return answer;
}

/** Samples the server's RSS while fn runs; answers the peak seen (and checks the kernel's own peak). */
async function withRssSampling<T>(fn: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = 0;
  const sample = () => {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${PID}/status`, "utf8"));
    if (m) peak = Math.max(peak, Number(m[1]) * 1024);
  };
  const timer = setInterval(sample, 50);
  try {
    const result = await fn();
    sample();
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

function serverPeakRss(): number {
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${PID}/status`, "utf8"))![1]) * 1024;
}

describe("bodies of every size through the served app", () => {
  it("stores 1 KB and 11 MB bodies of each format whole (with Content-Length and Content-Digest)", async () => {
    for (const [make, format] of [
      [auditLog, "audit-log"],
      [junitReport, "junit"],
      [cycloneDx, "cyclonedx"],
    ] as const) {
      await expectStored(make(1024, 1), format, true);
      await expectStored(make(11 * MB, 2), format, true);
    }
  });

  it("stores 64 MB bodies streamed without a length (JSON Lines, JUnit); a 64 MB CycloneDX document passes its 50 MB limit: 413, nothing written", async () => {
    await expectStored(auditLog(64 * MB, 3), "audit-log");
    await expectStored(junitReport(64 * MB, 3), "junit");
    const before = await snapshot();
    const answer = await pushGenerated(cycloneDx(64 * MB, 3), "cyclonedx");
    expect([answer.status, answer.body.type]).toEqual([413, "urn:proofline:problem:ingest-document-too-large"]);
    await expectNothingWritten(before);
  });

  it("stores 300 MB JUnit and JSON Lines bodies with the web server's memory under 300 MB", async () => {
    const junit = await withRssSampling(() => expectStored(junitReport(300 * MB, 4), "junit"));
    const log = await withRssSampling(() => expectStored(auditLog(300 * MB, 4), "audit-log"));
    expect(junit.result.body.summary.tests).toBeGreaterThan(1_000_000);
    expect(log.result.body.summary.lines).toBeGreaterThan(1_500_000);
    expect(Math.max(junit.peak, log.peak)).toBeLessThan(RSS_LIMIT);
    expect(serverPeakRss()).toBeLessThan(RSS_LIMIT);
  });

  it("refuses a body past the 1 GB limit with 413 while it streams in (memory under 300 MB), and a declared one without reading it", async () => {
    const before = await snapshot();
    const streamed = await withRssSampling(() =>
      send(evidenceUrl("manual"), {
        headers: { ...bearer, "content-type": "application/octet-stream" },
        chunks: zeros(1024 * MB + MB),
      }),
    );
    expect([streamed.result?.status, streamed.result?.body.type]).toEqual([
      413,
      "urn:proofline:problem:ingest-body-too-large",
    ]);
    expect(streamed.peak).toBeLessThan(RSS_LIMIT);
    expect(serverPeakRss()).toBeLessThan(RSS_LIMIT);
    const declared = await send(evidenceUrl("manual"), {
      headers: { ...bearer, "content-length": String(1024 * MB + 1) },
      chunks: zeros(MB),
    });
    expect([declared?.status, declared?.body.type]).toEqual([413, "urn:proofline:problem:ingest-body-too-large"]);
    await expectNothingWritten(before);
  });
});

describe("integrity", () => {
  it("refuses a body whose sha-256 differs from its Content-Digest: 400, nothing written", async () => {
    const before = await snapshot();
    const g = measure(junitReport(2 * MB, 5));
    const other = measure(junitReport(2 * MB, 6));
    const answer = await send(evidenceUrl("junit"), {
      headers: { ...bearer, "content-length": String(g.bytes), "content-digest": digestHeader(other.sha256) },
      chunks: g.chunks(),
    });
    expect([answer?.status, answer?.body.type]).toEqual([400, "urn:proofline:problem:body-digest-mismatch"]);
    await expectNothingWritten(before);
  });

  it("refuses a body shorter or longer than its Content-Length: nothing written", async () => {
    const before = await snapshot();
    const port = Number(new URL(BASE).port);
    const body = Buffer.from(`{"ts":"2026-01-01T00:00:00Z","actor":"a","action":"login"}\n`.repeat(2000));
    const head = (length: number, extra: string[] = []) => [
      `POST /api/v1/projects/${project.slug}/evidence?format=audit-log HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Authorization: ${bearer.authorization}`,
      `Content-Length: ${length}`,
      "Connection: close",
      ...extra,
    ];
    // Shorter: the client sends less than it declared and closes its side.
    const shorter = await rawRequest(port, head(body.length + 5000), body);
    expect([0, 400]).toContain(shorter);
    // Longer: the server reads Content-Length bytes; the digest of what was meant to be sent refuses them.
    const digest = digestHeader(createHash("sha256").update(body).digest("hex"));
    const longer = await rawRequest(port, head(body.length - 5000, [`Content-Digest: ${digest}`]), body);
    expect(longer).toBe(400);
    await expectNothingWritten(before);
  });

  it("keeps nothing of an upload whose client goes away part-way", async () => {
    const before = await snapshot();
    for (const headers of [{ ...bearer }, { ...bearer, "content-length": String(50 * MB) }]) {
      const answer = await send(evidenceUrl("audit-log"), {
        headers,
        chunks: auditLog(50 * MB, 7).chunks(),
        abortAfter: 20 * MB,
      });
      expect(answer).toBeNull();
      await expectNothingWritten(before);
    }
  });

  it("takes a gzip body as a stream and keeps the decompressed bytes; a gzip bomb is refused with 413", async () => {
    const g = auditLog(11 * MB, 8);
    const answer = await send(evidenceUrl("audit-log"), {
      headers: { ...bearer, "content-encoding": "gzip" },
      chunks: gzipped(g.chunks()),
    });
    expect([answer?.status, answer?.body.sha256, answer?.body.byteSize, answer?.body.summary.lines]).toEqual([
      201,
      g.sha256,
      g.bytes,
      g.records,
    ]);
    await expectOriginal(answer!.body.id, g);

    const before = await snapshot();
    const bomb = await send(evidenceUrl("manual"), {
      headers: { ...bearer, "content-encoding": "gzip" },
      chunks: gzipped(zeros(1100 * MB)),
    });
    expect([bomb?.status, bomb?.body.type]).toEqual([413, "urn:proofline:problem:ingest-body-too-large"]);
    expect(serverPeakRss()).toBeLessThan(RSS_LIMIT);
    await expectNothingWritten(before);
  });

  it("the CLI pushes a file and a .gz file with their digest and checks the stored sha256 and size", async () => {
    const plain = junitReport(3 * MB, 9);
    const file = path.join(tmp, "report.xml");
    const out = createWriteStream(file);
    for (const chunk of plain.chunks()) if (!out.write(chunk)) await once(out, "drain");
    out.end();
    await once(out, "finish");
    const gzFile = path.join(tmp, "audit.jsonl.gz");
    const log = measure(auditLog(2 * MB, 9));
    const gzOut = createWriteStream(gzFile);
    gzOut.end(gzipSync(Buffer.concat([...log.chunks()])));
    await once(gzOut, "finish");
    const env = { ...process.env, PROOFLINE_URL: BASE, PROOFLINE_TOKEN: bearer.authorization.slice(7) };
    for (const [f, expected] of [
      [file, /Stored: evidence \S+ \(TEST_REPORT, junit/],
      [gzFile, /Stored: evidence \S+ \(AUDIT_LOG, audit-log/],
    ] as const) {
      const r = spawnSync(process.execPath, ["public/cli/proofline.mjs", "push", f, "--project", project.slug], {
        env,
        encoding: "utf8",
      });
      expect(r.stderr).toBe("");
      expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(expected)]);
    }
    const stored = await prisma.evidence.findFirstOrThrow({ where: { projectId: project.id, sha256: log.sha256 } });
    expect([stored.originalName, Number(stored.byteSize)]).toEqual(["audit.jsonl", log.bytes]);
  });
});

describe("every other body-taking route", () => {
  async function exercise() {
    const runbook = await prisma.runbook.create({
      data: { projectId: project.id, key: `restore-${Date.now()}`, title: "Restore drill" },
    });
    const ex = await prisma.runbookExercise.create({
      data: { runbookId: runbook.id, performedAt: new Date(), outcome: "PASS" },
    });
    return `${BASE}/api/v1/projects/${project.slug}/runbooks/${runbook.id}/exercises/${ex.id}/attachments`;
  }

  it("keeps a 20 MB exercise attachment byte-identical; refuses one over 25 MB with 413, nothing written", async () => {
    const url = await exercise();
    const file = measure(junitReport(20 * MB, 10));
    const answer = await send(`${url}?filename=drill-log.xml`, {
      headers: {
        ...cookie,
        "content-type": "application/xml",
        "content-length": String(file.bytes),
        "content-digest": digestHeader(file.sha256),
      },
      chunks: file.chunks(),
    });
    expect([answer?.status, answer?.body.attachment.sha256, answer?.body.attachment.size]).toEqual([
      201,
      file.sha256,
      file.bytes,
    ]);
    const got = await download(`${url}/${answer!.body.attachment.id}`, cookie);
    expect(got).toEqual({ status: 200, sha256: file.sha256, bytes: file.bytes });

    const before = await snapshot();
    for (const headers of [{ ...cookie }, { ...cookie, "content-length": String(26 * MB) }]) {
      const over = await send(`${url}?filename=big.bin`, { headers, chunks: zeros(26 * MB) });
      expect([over?.status, over?.body.type]).toEqual([413, "urn:proofline:problem:payload-too-large"]);
    }
    await expectNothingWritten(before);
  });

  it("refuses a body over each route's limit with 413: document import, framework import, JSON bodies, webhook", async () => {
    const before = await snapshot();
    const documents = await prisma.sourceDocument.count();
    const cases: Array<[string, number, Record<string, string>]> = [
      [
        `/api/v1/projects/${project.slug}/documents?filename=big.md`,
        5 * MB + 1,
        { ...cookie, "content-type": "text/markdown" },
      ],
      ["/api/v1/frameworks", 4 * MB + 1, { ...cookie, "content-type": "application/json" }],
      ["/api/v1/projects", MB + 1, { ...cookie, "content-type": "application/json" }],
      [
        `/api/v1/projects/${project.slug}/github`,
        25 * MB + 1,
        {
          "content-type": "application/json",
          "x-github-event": "ping",
          "x-github-delivery": "big",
          "x-hub-signature-256": `sha256=${"0".repeat(64)}`,
        },
      ],
    ];
    await prisma.githubIntegration.upsert({
      where: { projectId: project.id },
      create: { projectId: project.id, webhookSecret: sealSecret("s3cret", githubSecretContext(project.id)) },
      update: {},
    });
    for (const [url, size, headers] of cases) {
      for (const declared of [false, true]) {
        const answer = await send(`${BASE}${url}`, {
          headers: { ...headers, ...(declared ? { "content-length": String(size) } : {}) },
          chunks: zeros(size),
        });
        expect([url, declared, answer?.status]).toEqual([url, declared, 413]);
      }
    }
    expect(await prisma.sourceDocument.count()).toBe(documents);
    expect(await prisma.githubDelivery.count({ where: { projectId: project.id } })).toBe(0);
    await expectNothingWritten(before);
  });

  it("takes a JSON body exactly as sent through the served app (a project is created; its digest is checked)", async () => {
    const json = Buffer.from(
      JSON.stringify({ slug: `served-${Date.now()}`, name: "Served", description: "x".repeat(200_000) }),
    );
    const digest = digestHeader(createHash("sha256").update(json).digest("hex"));
    const bad = await send(`${BASE}/api/v1/projects`, {
      headers: { ...cookie, "content-type": "application/json", "content-digest": digestHeader("00".repeat(32)) },
      chunks: [json],
    });
    expect([bad?.status, bad?.body.type]).toEqual([400, "urn:proofline:problem:body-digest-mismatch"]);
    const ok = await send(`${BASE}/api/v1/projects`, {
      headers: { ...cookie, "content-type": "application/json", "content-digest": digest },
      chunks: [json],
    });
    expect([201, 422]).toContain(ok?.status); // 422 only if the schema caps the description: the body reached the handler whole
    expect(ok?.body.type ?? "created").not.toMatch(/body-|payload-too-large/);
  });
});

describe("authentication without the proxy", () => {
  // Routes that are public by design: health, the API description, the webhook (its signature), NextAuth.
  // Public on purpose: health, the API description, the signature-checked webhook, and the packet-signing
  // public key (the CLI fetches and pins it to verify packets offline).
  const PUBLIC = new Set([
    "app/api/health/route.ts",
    "app/api/health/live/route.ts",
    "app/api/health/ready/route.ts",
    "app/api/v1/openapi.json/route.ts",
    "app/api/v1/projects/[slug]/github/route.ts",
    "app/api/v1/projects/[slug]/gitlab/route.ts", // checked with the project's X-Gitlab-Token
    "app/api/v1/audits/signing-key/route.ts",
    // An invited auditor's one-time link is the credential (lib/users/set-password-with-link.ts).
    "app/api/auth/set-password/route.ts",
  ]);
  // SCIM routes authenticate with their own bearer token and answer in SCIM's error format (RFC 7644
  // §3.12), not problem+json; they are reached at /scim/v2/* through the rewrite in next.config.ts.
  const SCIM = /^app\/api\/scim\/v2\//;

  function routes(dir = "app/api"): string[] {
    const out: string[] = [];
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) out.push(...routes(full));
      else if (e.name === "route.ts") out.push(full);
    }
    return out;
  }

  /** `method` on a route file's URL (`route`: its path below the site root, "[param]" standing for any value)
   * with no cookie and no token; an empty body of `contentType` where the method takes one. */
  function withoutCredentials(route: string, method: string, contentType: string): Promise<Response> {
    const takesBody = method !== "GET" && method !== "DELETE";
    return fetch(`${BASE}/${route.replace(/\/route\.ts$/, "").replace(/\[(\w+)\]/g, "x")}`, {
      method,
      headers: { "x-request-id": "served-check-1", ...(takesBody ? { "content-type": contentType } : {}) },
      body: takesBody ? "{}" : undefined,
    });
  }

  it("every API route answers 401 problem+json to a request without credentials, from its own handler", async () => {
    const checked: string[] = [];
    for (const file of routes()) {
      if (file.includes("[...nextauth]")) continue;
      const source = readFileSync(file, "utf8");
      if (SCIM.test(file)) {
        const scimMethods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = scimRoute\(/g)].map(
          (m) => m[1],
        );
        expect([file, scimMethods.length]).toEqual([
          file,
          [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].length,
        ]);
        for (const method of scimMethods) {
          // Reached at /scim/v2/* (the rewrite), not under /api.
          const res = await withoutCredentials(file.replace(/^app\/api\//, ""), method, "application/scim+json");
          const body = (await res.json()) as { schemas?: string[]; status?: string };
          expect([
            file,
            method,
            res.status,
            res.headers.get("content-type"),
            body.schemas,
            body.status,
            res.headers.get("x-request-id"),
          ]).toEqual([
            file,
            method,
            401,
            "application/scim+json",
            ["urn:ietf:params:scim:api:messages:2.0:Error"],
            "401",
            "served-check-1",
          ]);
          checked.push(`${method} ${file}`);
        }
        continue;
      }
      const methods = [
        ...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = defineRoute\(\s*\{\s*auth: "([\w-]+)"/g),
      ];
      const exported = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)];
      expect([file, methods.length]).toEqual([file, exported.length]); // every handler goes through defineRoute
      for (const [, method, auth] of methods) {
        if (auth === "public") {
          expect([file, PUBLIC.has(file)]).toEqual([file, true]);
          continue;
        }
        const res = await withoutCredentials(file.replace(/^app\//, ""), method, "application/json");
        const body = (await res.json()) as { type?: string };
        expect([
          file,
          method,
          res.status,
          res.headers.get("content-type"),
          body.type,
          res.headers.get("x-request-id"),
        ]).toEqual([
          file,
          method,
          401,
          "application/problem+json",
          "urn:proofline:problem:unauthenticated",
          "served-check-1",
        ]);
        checked.push(`${method} ${file}`);
      }
    }
    expect(checked.length).toBeGreaterThan(80);
  });

  it("pages still go through the proxy: a page without a session redirects to sign-in", async () => {
    const res = await fetch(`${BASE}/projects`, { redirect: "manual" });
    expect([307, 308, 302, 303]).toContain(res.status);
    expect(res.headers.get("location")).toMatch(/\/signin\?callbackUrl=/);
  });
});
