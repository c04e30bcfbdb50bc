import { defineRoute } from "@/lib/api/handler";
import { publicKeyInfo } from "@/lib/packets/signing-key";

/**
 * The deployment's packet-signing public key, for checking packets. Public: a public key is no secret,
 * and `proofline verify --server <url>` fetches it without signing in, then pins it (trust on first use).
 */
export const GET = defineRoute({ auth: "public" }, async () => {
  const key = publicKeyInfo();
  return { algorithm: key.algorithm, fingerprint: key.fingerprint, publicKey: key.spkiBase64, pem: key.pem };
});
