import { publicKeyInfo, signBytes } from "@/lib/packets/signing-key";
import { byPath, type FileDigest } from "@/lib/packets/write-zip";
import type { SignedHead } from "@/lib/activity/signed-head";

export const PACKET_FORMAT = "proofline-packet/1";

export interface ManifestAudit {
  id: string;
  name: string;
  framework: string;
  type: "TYPE_I" | "TYPE_II";
  windowStart: string;
  windowEnd: string;
  projects: string[];
}

/**
 * manifest.json: every other file in the packet with its size and sha256, sorted by path, the key
 * that signs it, and the activity trail's latest signed head (null before the worker signed one), so
 * that an auditor holds an anchor the trail can later be checked against. Serialised with fixed key order and indentation, so the bytes (and so the
 * Ed25519 signature in manifest.sig) depend only on the content.
 */
export function buildManifest(opts: {
  audit: ManifestAudit;
  dataAsOf: Date;
  requestedBy: string;
  files: FileDigest[];
  activityHead: SignedHead | null;
}): { json: Buffer; signature: Buffer } {
  const key = publicKeyInfo();
  const manifest = {
    format: PACKET_FORMAT,
    audit: opts.audit,
    dataAsOf: opts.dataAsOf.toISOString(),
    requestedBy: opts.requestedBy,
    signature: {
      algorithm: key.algorithm,
      file: "manifest.sig",
      publicKey: key.spkiBase64,
      fingerprint: key.fingerprint,
    },
    activityHead: opts.activityHead,
    files: [...opts.files].sort(byPath).map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })),
  };
  const json = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8");
  return { json, signature: Buffer.from(`${signBytes(json)}\n`, "utf8") };
}
