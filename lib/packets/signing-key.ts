import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

// The deployment's packet-signing key: Ed25519, kept as a PKCS#8 PEM file (PACKET_SIGNING_KEY_FILE,
// .data/packet-signing-key.pem by default). Generated on first use; the web server and the worker
// share it through the file. Ed25519 signatures are deterministic, so the same manifest always gets
// the same signature: a rebuilt packet is byte-identical. PACKET_SIGNING_KEY_PEM, when set, holds the
// PEM itself (from a secret manager; "\n" escapes are read as newlines) and wins over the file: with
// several machines every web server and worker must sign with the same key (docs/deploying.md).

export interface PublicKeyInfo {
  algorithm: "Ed25519";
  /** SubjectPublicKeyInfo, DER, base64: what the manifest carries. */
  spkiBase64: string;
  pem: string;
  /** sha256 of the DER public key, hex: short enough to compare by eye with the one the app shows. */
  fingerprint: string;
}

let cached: { file: string; key: KeyObject } | undefined;

function keyFile(): string {
  return path.resolve(env().PACKET_SIGNING_KEY_FILE);
}

/** The key held in PACKET_SIGNING_KEY_PEM, or null when the variable is unset. */
function keyFromVariable(): KeyObject | null {
  const pem = env().PACKET_SIGNING_KEY_PEM;
  if (!pem) return null;
  try {
    return createPrivateKey(pem.replace(/\\n/g, "\n"));
  } catch (err) {
    throw new Error(`PACKET_SIGNING_KEY_PEM does not hold a private key in PEM form: ${(err as Error).message}`);
  }
}

function loadOrCreate(file: string): KeyObject {
  try {
    return createPrivateKey(readFileSync(file, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT")
      throw new Error(`The packet-signing key in ${file} could not be read: ${(err as Error).message}`);
  }
  const { privateKey } = generateKeyPairSync("ed25519");
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": if another process created the file meanwhile, keep theirs.
    writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
    return privateKey;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return createPrivateKey(readFileSync(file, "utf8"));
    throw err;
  }
}

function privateKey(): KeyObject {
  const fromVariable = keyFromVariable();
  const file = fromVariable ? "PACKET_SIGNING_KEY_PEM" : keyFile();
  if (cached?.file !== file) cached = { file, key: fromVariable ?? loadOrCreate(file) };
  if (cached.key.asymmetricKeyType !== "ed25519")
    throw new Error(`The packet-signing key in ${file} is not an Ed25519 key.`);
  return cached.key;
}

export function publicKeyInfo(): PublicKeyInfo {
  const pub = createPublicKey(privateKey());
  const der = pub.export({ type: "spki", format: "der" });
  return {
    algorithm: "Ed25519",
    spkiBase64: der.toString("base64"),
    pem: pub.export({ type: "spki", format: "pem" }).toString(),
    fingerprint: createHash("sha256").update(der).digest("hex"),
  };
}

/** Ed25519 signature of the bytes, base64. */
export function signBytes(bytes: Buffer): string {
  return sign(null, bytes, privateKey()).toString("base64");
}

/**
 * The deployment's public key for checking signatures, without ever creating a key: null when the key
 * file does not exist (a verifier must not mint a fresh key that nothing was signed with).
 */
export function existingPublicKey(): KeyObject | null {
  const fromVariable = keyFromVariable();
  if (fromVariable) return createPublicKey(fromVariable);
  const file = keyFile();
  if (cached?.file === file) return createPublicKey(cached.key);
  try {
    return createPublicKey(createPrivateKey(readFileSync(file, "utf8")));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`The packet-signing key in ${file} could not be read: ${(err as Error).message}`);
  }
}

/** Checks an Ed25519 signature (base64) by the given public key; false for any malformed input. */
export function verifyBytes(bytes: Buffer, signatureBase64: string, key: KeyObject): boolean {
  try {
    return verify(null, bytes, key, Buffer.from(signatureBase64, "base64"));
  } catch {
    return false;
  }
}

/** sha256 of a public key's DER encoding, hex: the fingerprint the app, packets and CLI show. */
export function fingerprintOf(key: KeyObject): string {
  return createHash("sha256")
    .update(key.export({ type: "spki", format: "der" }))
    .digest("hex");
}
