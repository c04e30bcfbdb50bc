// Issue 16: the packet-signing key can come from a variable holding the PEM (a secret manager), not only a file.
import { generateKeyPairSync, createPublicKey } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { existingPublicKey, fingerprintOf, publicKeyInfo, signBytes, verifyBytes } from "@/lib/packets/signing-key";

const saved = { pem: process.env.PACKET_SIGNING_KEY_PEM, file: process.env.PACKET_SIGNING_KEY_FILE };
afterEach(() => {
  for (const [k, v] of [
    ["PACKET_SIGNING_KEY_PEM", saved.pem],
    ["PACKET_SIGNING_KEY_FILE", saved.file],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
});

describe("PACKET_SIGNING_KEY_PEM", () => {
  it("signs with the key in the variable (newlines or \\n escapes) and never creates a key file", () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const file = path.join(mkdtempSync(path.join(tmpdir(), "proofline-pem-")), "key.pem");
    process.env.PACKET_SIGNING_KEY_FILE = file;
    for (const value of [pem, pem.trim().replace(/\n/g, "\\n")]) {
      process.env.PACKET_SIGNING_KEY_PEM = value;
      resetEnvForTests();
      const expected = fingerprintOf(createPublicKey(privateKey));
      expect(publicKeyInfo().fingerprint).toBe(expected);
      expect(fingerprintOf(existingPublicKey()!)).toBe(expected);
      expect(verifyBytes(Buffer.from("x"), signBytes(Buffer.from("x")), createPublicKey(privateKey))).toBe(true);
    }
    expect(existsSync(file)).toBe(false);
  });

  it("refuses a variable that holds no private key, naming the variable", () => {
    process.env.PACKET_SIGNING_KEY_PEM = "not a key";
    resetEnvForTests();
    expect(() => publicKeyInfo()).toThrow(/^PACKET_SIGNING_KEY_PEM does not hold a private key in PEM form/);
  });
});
