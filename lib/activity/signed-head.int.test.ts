// Attacks on the activity trail by someone holding the database owner's rights (who can bypass the
// triggers): an edited event with every hash after it recomputed, the newest events deleted, a signed
// head forged without the key. The bare hash chain cannot notice the first two; the signed heads do,
// in `npm run activity:verify` and in the worker's hourly check, which the dashboard then shows.
import { execFile } from "node:child_process";
import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createProject } from "@/lib/projects/create-project";
import { checkActivityTrail } from "@/lib/activity/check-activity-trail";
import { getTrailIntegrity } from "@/lib/activity/get-trail-integrity";
import { verifyActivityChain } from "@/lib/activity/verify-chain";
import { activityHeadMessage } from "@/lib/activity/signed-head";
import { GENESIS_HASH, eventHash } from "@/lib/activity/hash";
import { rewriteTrail, withOwner } from "@/lib/activity/testing/owner-db";
import { ctxOf, makeUser, uniq } from "@/tests/factories";
import { buildManifest } from "@/lib/packets/manifest";
import { digestOf, writeDeterministicZip } from "@/lib/packets/write-zip";

const dir = mkdtempSync(path.join(tmpdir(), "proofline-trail-"));
process.env.PACKET_SIGNING_KEY_FILE = path.join(dir, "signing-key.pem");

/** `npm run activity:verify`, as an operator runs it. */
function activityVerify(args: string[] = []): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/activity-verify.ts", ...args],
      {
        encoding: "utf8",
        env: {
          ...process.env,
          DATABASE_URL: process.env.DATABASE_URL,
          PACKET_SIGNING_KEY_FILE: process.env.PACKET_SIGNING_KEY_FILE,
        },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, out: stdout + stderr }),
    );
  });
}

async function someEvents(n: number) {
  const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
  for (let i = 0; i < n; i++)
    await createProject({ ctx: ctxOf(lead), data: { name: `Trail ${i}`, slug: uniq(`tr${i}`), description: "" } });
  return lead;
}

describe("signed heads of the activity trail", { timeout: 120_000 }, () => {
  it("detects an edited event whose later hashes were all recomputed, which the bare chain walk accepts", async () => {
    const lead = await someEvents(4);
    const engineer = await makeUser({ role: "ENGINEER" });
    const first = await checkActivityTrail({ now: new Date() });
    expect(first.report.ok).toBe(true);
    const head = first.signed!;
    expect(head.eventId).toBe((await prisma.activityEvent.findFirstOrThrow({ orderBy: { id: "desc" } })).id.toString());
    expect((await activityVerify()).out).toContain(`the latest, signed at ${head.signedAt}, is event ${head.eventId}`);

    const victim = (
      await prisma.activityEvent.findMany({ orderBy: { id: "asc" }, where: { action: "project.create" } })
    )[1];
    const original = victim.summary;
    await rewriteTrail((row) =>
      row.id === victim.id.toString() ? { ...row, summary: { after: { name: "forged" } } } : undefined,
    );

    // The chain alone is consistent again: every event follows the one before and matches its hash,
    // so the walk that was all activity:verify did before signed heads passes this rewrite.
    const events = await prisma.activityEvent.findMany({ orderBy: { id: "asc" } });
    let prev = GENESIS_HASH;
    for (const e of events) {
      expect(e.prevHash).toBe(prev);
      expect(eventHash(e.prevHash, e)).toBe(e.hash);
      prev = e.hash;
    }
    expect(events.find((e) => e.id === victim.id)?.summary).toEqual({ after: { name: "forged" } });
    const report = await verifyActivityChain(prisma);
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({
      eventId: head.eventId,
      reason: expect.stringMatching(/the trail up to it was rewritten/),
    });
    // Without the key, a head cannot be checked: refused, never passed silently.
    expect(await verifyActivityChain(prisma, { publicKey: null })).toMatchObject({
      ok: false,
      firstBreak: { reason: expect.stringMatching(/key is missing/) },
    });

    const cli = await activityVerify();
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`First broken link: event ${head.eventId}`);

    // The worker's check records the break, signs nothing over it, and the dashboard tells leads and admins.
    const check = await checkActivityTrail({ now: new Date() });
    expect(check.report.ok).toBe(false);
    expect(check.signed).toBeUndefined();
    expect(await prisma.activitySignedHead.count()).toBe(1);
    expect(await getTrailIntegrity({ ctx: ctxOf(lead) })).toMatchObject({
      ok: false,
      eventId: head.eventId,
      reason: expect.stringMatching(/rewritten/),
    });
    expect(await getTrailIntegrity({ ctx: ctxOf(engineer) })).toBeNull();

    // Put back as it was (the hashes are deterministic), the trail verifies again.
    await rewriteTrail((row) => (row.id === victim.id.toString() ? { ...row, summary: original } : undefined));
    expect(await verifyActivityChain(prisma)).toMatchObject({ ok: true, signedHeads: 1 });
    await checkActivityTrail({ now: new Date() });
    expect(await getTrailIntegrity({ ctx: ctxOf(lead) })).toMatchObject({ ok: true });
  });

  it("detects the newest events deleted", async () => {
    await someEvents(3);
    const { signed } = await checkActivityTrail({ now: new Date() });
    const head = signed!;
    const saved = await withOwner(
      async (o) => (await o.query(`SELECT * FROM "ActivityEvent" WHERE id > $1 - 2 ORDER BY id`, [head.eventId])).rows,
    );
    await rewriteTrail((row) => (BigInt(row.id) > BigInt(head.eventId) - 2n ? null : undefined));

    const report = await verifyActivityChain(prisma);
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({
      eventId: head.eventId,
      reason: expect.stringMatching(/the newest events were deleted/),
    });
    const cli = await activityVerify();
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/Activity trail BROKEN/);

    // Restore the deleted rows as they were (id and all): the trail verifies again.
    await withOwner(async (o) => {
      for (const r of saved) {
        await o.query(
          `INSERT INTO "ActivityEvent" (id, "occurredAt", "actorType", "actorId", "actorLabel", action, "entityType", "entityId", "projectId", summary, "requestId", "prevHash", hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
          [
            r.id,
            r.occurredAt,
            r.actorType,
            r.actorId,
            r.actorLabel,
            r.action,
            r.entityType,
            r.entityId,
            r.projectId,
            JSON.stringify(r.summary),
            r.requestId,
            r.prevHash,
            r.hash,
          ],
        );
      }
    });
    expect(await verifyActivityChain(prisma)).toMatchObject({ ok: true });
  });

  it("still catches a rewrite through the head a packet carries, after the owner deleted every stored head", async () => {
    await someEvents(2);
    const head = (await checkActivityTrail({ now: new Date() })).signed!;
    // A packet as the app builds them (its own manifest and ZIP code), carrying the head: what an auditor holds.
    const bytes = Buffer.from("evidence_id\r\n");
    const manifest = buildManifest({
      audit: {
        id: "a",
        name: "Anchor",
        framework: "soc2",
        type: "TYPE_II",
        windowStart: "2026-01-01T00:00:00.000Z",
        windowEnd: "2026-06-30T23:59:59.999Z",
        projects: [],
      },
      dataAsOf: new Date("2026-07-01T00:00:00Z"),
      requestedBy: "lead@proofline.test",
      files: [await digestOf({ path: "csv/evidence.csv", source: { bytes } })],
      activityHead: head,
    });
    const packet = path.join(dir, "anchor.zip");
    await writeDeterministicZip(
      packet,
      [
        { path: "csv/evidence.csv", source: { bytes } },
        { path: "manifest.json", source: { bytes: manifest.json } },
        { path: "manifest.sig", source: { bytes: manifest.signature } },
      ],
      new Date("2026-07-01T00:00:00Z"),
    );

    const victim = (
      await prisma.activityEvent.findMany({ orderBy: { id: "asc" }, where: { action: "project.create" } })
    ).at(-2)!;
    const original = victim.summary;
    await withOwner(async (o) => {
      await o.query("BEGIN");
      await o.query("SET LOCAL session_replication_role = replica");
      await o.query(`DELETE FROM "ActivitySignedHead"`);
      await o.query("COMMIT");
    });
    await rewriteTrail((row) =>
      row.id === victim.id.toString() ? { ...row, summary: { after: { name: "forged" } } } : undefined,
    );

    // With the stored heads gone, the database alone no longer shows the rewrite (the limit the ADR states) …
    const alone = await verifyActivityChain(prisma);
    expect(alone, JSON.stringify(alone.firstBreak)).toMatchObject({ ok: true, signedHeads: 0 });
    // … the packet's head does.
    const run = await activityVerify(["--packet", packet]);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`First broken link: event ${head.eventId}`);
    expect(run.out).toContain("the trail up to it was rewritten");

    await rewriteTrail((row) => (row.id === victim.id.toString() ? { ...row, summary: original } : undefined));
    const restored = await activityVerify(["--packet", packet]);
    expect(restored.out).toContain("Activity trail intact");
    expect(restored.code).toBe(0);
  });

  it("refuses a signed head the owner forged without the deployment's key", async () => {
    await someEvents(1);
    const last = await prisma.activityEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    const forger = generateKeyPairSync("ed25519");
    const fields = { eventId: last.id.toString(), hash: last.hash, signedAt: new Date().toISOString() };
    await withOwner((o) =>
      o.query(
        `INSERT INTO "ActivitySignedHead" ("eventId", hash, "signedAt", signature, "keyFingerprint") VALUES ($1, $2, $3, $4, $5)`,
        [
          fields.eventId,
          fields.hash,
          fields.signedAt,
          sign(null, activityHeadMessage(fields), forger.privateKey).toString("base64"),
          "0".repeat(64),
        ],
      ),
    );
    const report = await verifyActivityChain(prisma);
    expect(report.ok).toBe(false);
    expect(report.firstBreak?.reason).toMatch(/does not carry a valid signature by this deployment's key/);
  });
});
