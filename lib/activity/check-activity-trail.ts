import { createPublicKey } from "node:crypto";
import { prisma } from "@/lib/db";
import { activityHeadMessage, toSignedHead, type SignedHead } from "@/lib/activity/signed-head";
import { verifyActivityChain, type ChainReport } from "@/lib/activity/verify-chain";
import { publicKeyInfo, signBytes } from "@/lib/packets/signing-key";

export interface CheckActivityTrailOptions {
  now: Date;
}

export interface TrailCheckResult {
  report: ChainReport;
  /** The head signed by this run: absent when the trail is broken or has not moved since the last head. */
  signed?: SignedHead;
}

/**
 * The worker's hourly run: verifies the whole trail against the signed heads, records the result
 * (the dashboard shows the newest one), and only when the trail verifies, signs its newest event as a
 * new head. A broken trail is never signed over, so a rewrite stays detectable.
 */
export async function checkActivityTrail({ now }: CheckActivityTrailOptions): Promise<TrailCheckResult> {
  const key = publicKeyInfo(); // creates the deployment key on first use, as a packet build would
  const report = await verifyActivityChain(prisma, { publicKey: createPublicKey(key.pem) });
  await prisma.activityTrailCheck.create({
    data: {
      checkedAt: now,
      ok: report.ok,
      checked: report.checked,
      eventId: report.firstBreak ? BigInt(report.firstBreak.eventId) : null,
      reason: report.firstBreak?.reason ?? null,
    },
  });
  if (!report.ok || !report.head || report.latestSignedHead?.eventId === report.head.eventId) return { report };
  const fields = { eventId: report.head.eventId, hash: report.head.hash, signedAt: now.toISOString() };
  const signature = signBytes(activityHeadMessage(fields));
  const rows = await prisma.activitySignedHead.createManyAndReturn({
    data: [
      { eventId: BigInt(fields.eventId), hash: fields.hash, signedAt: now, signature, keyFingerprint: key.fingerprint },
    ],
    skipDuplicates: true, // another worker signed the same event meanwhile
  });
  return { report, signed: rows[0] ? toSignedHead(rows[0]) : undefined };
}
