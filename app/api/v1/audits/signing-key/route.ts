import { defineRoute } from "@/lib/api/handler";
import { publicKeyInfo } from "@/lib/packets/signing-key";

/** The deployment's packet-signing public key, for checking packets offline. */
export const GET = defineRoute({ auth: "session", permission: "packet:read" }, async () => {
  const key = publicKeyInfo();
  return { algorithm: key.algorithm, fingerprint: key.fingerprint, publicKey: key.spkiBase64, pem: key.pem };
});
