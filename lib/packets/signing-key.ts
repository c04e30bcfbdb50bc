import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

// The deployment's packet-signing key: Ed25519, kept as a PKCS#8 PEM file (PACKET_SIGNING_KEY_FILE,
// .data/packet-signing-key.pem by default). Generated on first use; the web server and the worker
// share it through the file. Ed25519 signatures are deterministic, so the same manifest always gets
// the same signature: a rebuilt packet is byte-identical.

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

function loadOrCreate(file: string): KeyObject {
  try {
    return createPrivateKey(readFileSync(file, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`The packet-signing key in ${file} could not be read: ${(err as Error).message}`);
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
  const file = keyFile();
  if (cached?.file !== file) cached = { file, key: loadOrCreate(file) };
  if (cached.key.asymmetricKeyType !== "ed25519") throw new Error(`The packet-signing key in ${file} is not an Ed25519 key.`);
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
