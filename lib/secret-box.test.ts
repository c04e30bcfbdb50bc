import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  isSealed,
  keyIdOf,
  openSecret,
  parseKey,
  sealSecret,
  sealedKeyId,
  SecretBoxError,
  type Keyring,
} from "@/lib/secret-box";

const ringOf = (current: Buffer, ...old: Buffer[]): Keyring => {
  const c = { id: keyIdOf(current), key: current };
  return { current: c, all: new Map([c, ...old.map((k) => ({ id: keyIdOf(k), key: k }))].map((k) => [k.id, k])) };
};

describe("secret box (AES-256-GCM)", () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it("seals to a value that names its key and holds no plain text, and opens it again", () => {
    const ring = ringOf(k1);
    const sealed = sealSecret("webhook-secret-abc", "T.c:1", ring);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain("webhook-secret-abc");
    expect(sealedKeyId(sealed)).toBe(keyIdOf(k1));
    expect(openSecret(sealed, "T.c:1", ring)).toBe("webhook-secret-abc");
    // A fresh IV each time: the same secret seals differently.
    expect(sealSecret("webhook-secret-abc", "T.c:1", ring)).not.toBe(sealed);
  });

  it("refuses another row's value, a tampered value, plain text and an unknown key, each with its reason", () => {
    const ring = ringOf(k1);
    const sealed = sealSecret("s", "T.c:1", ring);
    expect(() => openSecret(sealed, "T.c:2", ring)).toThrow(/does not open.*moved from another row/);
    const parts = sealed.split(".");
    parts[3] = Buffer.from("x").toString("base64url");
    expect(() => openSecret(parts.join("."), "T.c:1", ring)).toThrow(SecretBoxError);
    expect(() => openSecret("plain-text", "T.c:1", ring)).toThrow(/not sealed; run `npm run secrets:rotate`/);
    expect(() => openSecret(sealed, "T.c:1", ringOf(k2))).toThrow(
      new RegExp(`sealed with key ${keyIdOf(k1)}, which is neither SECRETS_KEY`),
    );
  });

  it("opens values sealed with a previous key while sealing with the new one", () => {
    const old = sealSecret("s", "T.c:1", ringOf(k1));
    const rotated = ringOf(k2, k1);
    expect(openSecret(old, "T.c:1", rotated)).toBe("s");
    expect(sealedKeyId(sealSecret("s", "T.c:1", rotated))).toBe(keyIdOf(k2));
  });

  it("accepts only 32-byte base64 keys", () => {
    expect(parseKey(k1.toString("base64")).id).toBe(keyIdOf(k1));
    expect(() => parseKey(randomBytes(16).toString("base64"))).toThrow(/32 random bytes.*16 bytes/);
  });
});
