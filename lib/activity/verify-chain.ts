import type { KeyObject } from "node:crypto";
import type { Db } from "@/lib/db";
import { GENESIS_HASH, eventHash } from "@/lib/activity/hash";
import { activityHeadMessage, toSignedHead, type SignedHead } from "@/lib/activity/signed-head";
import { existingPublicKey, fingerprintOf, verifyBytes } from "@/lib/packets/signing-key";

export interface ChainBreak {
  eventId: string;
  reason: string;
}

export interface ChainReport {
  checked: number;
  ok: boolean;
  firstBreak?: ChainBreak;
  /** The newest event that verified, when the whole chain did: what the next signed head signs. */
  head?: { eventId: string; hash: string };
  /** How many signed heads (stored and anchors) were matched against the chain. */
  signedHeads: number;
  latestSignedHead?: SignedHead;
}

export interface VerifyChainOptions {
  /** The deployment's public key: every signed head must carry a valid signature by it (default: the key file's). */
  publicKey?: KeyObject | null;
  /**
   * Signed heads kept outside the database (from packets handed to auditors): checked like the stored
   * ones, so that deleting the stored heads does not hide a rewrite from them.
   */
  anchors?: SignedHead[];
}

const BATCH = 5000;

/**
 * Walks the activity trail in order, recomputing every hash, and checks it against the signed heads:
 * each head's event must still be in the chain with the hash that was signed. Stops at the first
 * broken link. A trail rewritten with recomputed hashes passes the walk but misses a signed head; the
 * newest events deleted leave a signed head pointing past the end of the chain.
 */
export async function verifyActivityChain(db: Db, options: VerifyChainOptions = {}): Promise<ChainReport> {
  const publicKey = options.publicKey === undefined ? existingPublicKey() : options.publicKey;
  const stored = (await db.activitySignedHead.findMany({ orderBy: { eventId: "asc" } })).map(toSignedHead);
  const heads = [
    ...stored,
    ...(options.anchors ?? []).filter(
      (a) => !stored.some((h) => h.eventId === a.eventId && h.hash === a.hash && h.signedAt === a.signedAt),
    ),
  ];
  const fingerprint = publicKey ? fingerprintOf(publicKey) : null;
  const latestSignedHead = heads.reduce<SignedHead | undefined>(
    (a, h) => (!a || h.signedAt > a.signedAt ? h : a),
    undefined,
  );
  const fail = (checked: number, eventId: string, reason: string): ChainReport => ({
    checked,
    ok: false,
    firstBreak: { eventId, reason },
    signedHeads: 0,
    latestSignedHead,
  });
  for (const h of heads) {
    if (!publicKey)
      return fail(
        0,
        h.eventId,
        `signed head of event ${h.eventId} cannot be checked: the packet-signing key is missing`,
      );
    if (h.keyFingerprint !== fingerprint || !verifyBytes(activityHeadMessage(h), h.signature, publicKey)) {
      return fail(
        0,
        h.eventId,
        `signed head of event ${h.eventId} (${h.signedAt}) does not carry a valid signature by this deployment's key: it was forged or altered`,
      );
    }
  }
  const headsById = new Map<string, SignedHead[]>();
  for (const h of heads) headsById.set(h.eventId, [...(headsById.get(h.eventId) ?? []), h]);

  let expectedPrev = GENESIS_HASH;
  let afterId: bigint | undefined;
  let checked = 0;
  const matched = new Set<string>();
  let last: { eventId: string; hash: string } | undefined;
  for (;;) {
    const batch = await db.activityEvent.findMany({
      where: afterId === undefined ? {} : { id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const e of batch) {
      const id = e.id.toString();
      if (e.prevHash !== expectedPrev) {
        return fail(
          checked,
          id,
          `event ${id} should follow hash ${expectedPrev.slice(0, 12)}… but records ${e.prevHash.slice(0, 12)}…: an earlier event was removed, inserted or altered`,
        );
      }
      if (eventHash(e.prevHash, { ...e, summary: e.summary }) !== e.hash) {
        return fail(
          checked,
          id,
          `event ${id} (${e.action}) does not match its hash: its contents were changed after it was written`,
        );
      }
      for (const signed of headsById.get(id) ?? []) {
        if (signed.hash !== e.hash) {
          return fail(
            checked,
            id,
            `event ${id} has hash ${e.hash.slice(0, 12)}…, but the head signed at ${signed.signedAt} says ${signed.hash.slice(0, 12)}…: the trail up to it was rewritten`,
          );
        }
        matched.add(id);
      }
      expectedPrev = e.hash;
      last = { eventId: id, hash: e.hash };
      checked += 1;
    }
    if (batch.length < BATCH) break;
    afterId = batch[batch.length - 1].id;
  }
  const missing = heads.find((h) => !matched.has(h.eventId));
  if (missing) {
    const pastEnd = !last || BigInt(missing.eventId) > BigInt(last.eventId);
    return fail(
      checked,
      missing.eventId,
      pastEnd
        ? `the head signed at ${missing.signedAt} names event ${missing.eventId}, but the trail ends at ${last ? `event ${last.eventId}` : "no event"}: the newest events were deleted`
        : `the head signed at ${missing.signedAt} names event ${missing.eventId}, which is no longer in the trail: it was deleted`,
    );
  }
  return { checked, ok: true, head: last, signedHeads: heads.length, latestSignedHead };
}
