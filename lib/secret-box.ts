import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

// Secrets the app must be able to read back (a webhook's HMAC key) are stored sealed: AES-256-GCM
// with a key from the environment, never in plain text. A sealed value carries the id of the key
// that sealed it, so keys can be rotated: SECRETS_KEY seals, SECRETS_KEY_PREVIOUS (comma-separated)
// still open older values until `npm run secrets:rotate` has re-sealed them with SECRETS_KEY.
// Each value is bound to where it lives (`context`, e.g. "GithubIntegration.webhookSecret:<id>"): a
// sealed value copied to another row or column does not open. Secrets that are only compared (API and
// SCIM tokens, the GitLab webhook token) are stored as hashes instead and need none of this.
//
// Format: pl1.<key id>.<iv>.<ciphertext>.<tag> (base64url parts, 12-byte IV, 16-byte tag).
// Without SECRETS_KEY, outside production, the key is .data/secrets-key (32 random bytes, base64,
// created on first use and by npm start, like the session secret); a production process refuses to run
// without SECRETS_KEY.

const PREFIX = "pl1";
export const DEV_KEY_FILE = path.join(".data", "secrets-key");

export interface SecretKey {
  id: string;
  key: Buffer;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

/** A short, stable id for a key: 8 hex characters of a hash of it (never the key itself). */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update("proofline-secret-key-id\0").update(key).digest("hex").slice(0, 8);
}

export function parseKey(text: string, name = "SECRETS_KEY"): SecretKey {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32)
    throw new SecretBoxError(
      `${name} must be 32 random bytes, base64-encoded (e.g. \`openssl rand -base64 32\`); it decodes to ${key.length} bytes.`,
    );
  return { id: keyIdOf(key), key };
}

/** Reads .data/secrets-key, creating it on first use (development and the demo only). */
export function developmentKeyText(file = DEV_KEY_FILE): string {
  try {
    return readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const text = randomBytes(32).toString("base64");
  try {
    writeFileSync(file, `${text}\n`, { mode: 0o600, flag: "wx" });
    return text;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST")
      return readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
    throw err;
  }
}

export interface Keyring {
  current: SecretKey;
  all: Map<string, SecretKey>;
}

let cached: { source: string; ring: Keyring } | undefined;

/** The keys from the environment: SECRETS_KEY seals, it and SECRETS_KEY_PREVIOUS open. */
export function keyring(): Keyring {
  const e = env();
  let currentText = e.SECRETS_KEY;
  if (!currentText) {
    if (e.NODE_ENV === "production" && e.PROOFLINE_DEMO !== "1")
      throw new SecretBoxError(
        "SECRETS_KEY is not set: a production deployment needs it to store webhook secrets sealed (docs/deploying.md).",
      );
    currentText = developmentKeyText();
  }
  const source = `${currentText}|${e.SECRETS_KEY_PREVIOUS ?? ""}`;
  if (cached?.source === source) return cached.ring;
  const current = parseKey(currentText);
  const all = new Map([[current.id, current]]);
  for (const [i, text] of (e.SECRETS_KEY_PREVIOUS ?? "")
    .split(",")
    .filter((t) => t.trim())
    .entries()) {
    const k = parseKey(text, `SECRETS_KEY_PREVIOUS (key ${i + 1})`);
    all.set(k.id, k);
  }
  cached = { source, ring: { current, all } };
  return cached.ring;
}

const b64 = (b: Buffer) => b.toString("base64url");

/** Seals a secret for storage at `context` with the current key. */
export function sealSecret(plain: string, context: string, ring: Keyring = keyring()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [PREFIX, ring.current.id, b64(iv), b64(ct), b64(cipher.getAuthTag())].join(".");
}

export function isSealed(value: string): boolean {
  return value.startsWith(`${PREFIX}.`);
}

/** The id of the key that sealed a value (null for a value that is not sealed). */
export function sealedKeyId(value: string): string | null {
  return isSealed(value) ? (value.split(".")[1] ?? null) : null;
}

/** Opens a sealed secret stored at `context`. Throws SecretBoxError for plain text, an unknown key, or tampering. */
export function openSecret(sealed: string, context: string, ring: Keyring = keyring()): string {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== PREFIX)
    throw new SecretBoxError(`The secret stored for ${context} is not sealed; run \`npm run secrets:rotate\`.`);
  const [, id, iv, ct, tag] = parts;
  const k = ring.all.get(id);
  if (!k)
    throw new SecretBoxError(
      `The secret stored for ${context} was sealed with key ${id}, which is neither SECRETS_KEY nor in SECRETS_KEY_PREVIOUS.`,
    );
  try {
    const decipher = createDecipheriv("aes-256-gcm", k.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(
      `The secret stored for ${context} does not open with key ${id} (altered, or moved from another row).`,
    );
  }
}

/** Forgets the parsed keys (tests that change the environment). */
export function resetKeyringForTests(): void {
  cached = undefined;
}
