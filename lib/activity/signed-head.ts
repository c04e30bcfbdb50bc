// Signed heads of the activity trail: the newest event's id and hash at one moment, signed with the
// deployment's Ed25519 packet-signing key. A later rewrite of the trail (an edited event with every
// hash after it recomputed, or the newest events deleted) no longer reaches a signed head, and the
// database owner cannot sign a new one without the key file. Pure: shared by the signer, the
// verifier, the packet manifest and (as the same few lines) the offline CLI.

export const HEAD_FORMAT = "proofline-activity-head/1";

export interface SignedHead {
  eventId: string;
  hash: string;
  /** ISO 8601, UTC, milliseconds. */
  signedAt: string;
  /** Ed25519 over activityHeadMessage(), base64. */
  signature: string;
  keyFingerprint: string;
}

/** The exact bytes that are signed: a fixed format, one fact a line. */
export function activityHeadMessage(head: { eventId: string; hash: string; signedAt: string }): Buffer {
  return Buffer.from(`${HEAD_FORMAT}\nevent ${head.eventId}\nhash ${head.hash}\nsigned-at ${head.signedAt}\n`, "utf8");
}

/** A stored head row as the manifest and the verifier see it. */
export function toSignedHead(row: {
  eventId: bigint;
  hash: string;
  signedAt: Date;
  signature: string;
  keyFingerprint: string;
}): SignedHead {
  return {
    eventId: row.eventId.toString(),
    hash: row.hash,
    signedAt: row.signedAt.toISOString(),
    signature: row.signature,
    keyFingerprint: row.keyFingerprint,
  };
}
