import { z } from "zod";

// The one place that reads process.env for the app. Parsed lazily (first use), so that `next build`,
// which imports route modules, needs no variables.

function unsetIfEmpty<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === "" ? undefined : v), schema);
}

const ZEnvFields = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1, "DATABASE_URL is not set").optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().optional(),
  SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(8 * 60 * 60),
  BLOB_DIR: z.string().default(".data/blobs"),
  // Where evidence originals are kept: a directory (BLOB_DIR) or an S3-compatible bucket (S3_*).
  // An empty value (S3_BUCKET= in .env) counts as unset.
  BLOB_STORE: unsetIfEmpty(z.enum(["dir", "s3"]).default("dir")),
  S3_ENDPOINT: unsetIfEmpty(
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://s3.eu-west-1.amazonaws.com" })
      .optional(),
  ),
  S3_REGION: unsetIfEmpty(z.string().default("us-east-1")),
  S3_BUCKET: unsetIfEmpty(
    z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        "must be a bucket name (3-63 lower-case letters, digits, dots and hyphens)",
      )
      .optional(),
  ),
  S3_PREFIX: unsetIfEmpty(
    z
      .string()
      .refine((v) => !v.startsWith("/"), "must not start with a slash")
      .default(""),
  ),
  S3_ACCESS_KEY_ID: unsetIfEmpty(z.string().optional()),
  S3_SECRET_ACCESS_KEY: unsetIfEmpty(z.string().optional()),
  S3_SESSION_TOKEN: unsetIfEmpty(z.string().optional()),
  S3_FORCE_PATH_STYLE: unsetIfEmpty(z.enum(["true", "false", "1", "0"]).default("false")).transform(
    (v) => v === "true" || v === "1",
  ),
  PACKET_DIR: z.string().default(".data/packets"),
  PACKET_SIGNING_KEY_FILE: z.string().default(".data/packet-signing-key.pem"),
  PACKET_RENDER_PROCESSES: z.coerce.number().int().min(0).max(16).optional(),
  // Size limits, in bytes (see .env.example and lib/limits.ts).
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).optional(),
  INGEST_MAX_BODY_BYTES: z.coerce.number().int().min(1024).optional(),
  INGEST_MAX_JSON_BYTES: z.coerce.number().int().min(1024).optional(),
  INGEST_MAX_LINE_BYTES: z.coerce.number().int().min(1024).optional(),
  // Wall-clock milliseconds one imported document may take to parse on its worker thread.
  IMPORT_PARSE_BUDGET_MS: z.coerce.number().int().min(100).max(600_000).optional(),
  PROOFLINE_TEST_CLOCK: z.enum(["0", "1"]).default("0"),
  // "off": every readiness read recomputes instead of using the readiness store (the dashboard bench's baseline).
  PROOFLINE_READINESS_STORE: unsetIfEmpty(z.enum(["on", "off"]).default("on")),
  // "1": this deployment is the demo (npm start on the embedded database, `npm start -- --demo`, or the
  // e2e tests), so accounts with the published demo password may exist. Otherwise the production server
  // refuses to start while one does (lib/auth/demo-accounts.ts).
  PROOFLINE_DEMO: z.enum(["0", "1"]).default("0"),
  // Set only by the test runner (scripts/test.ts): lets a production build honour PROOFLINE_TEST_CLOCK.
  PROOFLINE_TEST_RUNNER: z.enum(["0", "1"]).default("0"),
  // Secrets at rest (lib/secret-box.ts): 32 random bytes, base64. SECRETS_KEY seals; SECRETS_KEY_PREVIOUS
  // (comma-separated) still opens values sealed before a rotation. Unset outside production: .data/secrets-key.
  SECRETS_KEY: unsetIfEmpty(z.string().optional()),
  SECRETS_KEY_PREVIOUS: unsetIfEmpty(z.string().optional()),
  // The packet-signing key as a PEM held in the variable itself (a secret manager), instead of PACKET_SIGNING_KEY_FILE.
  PACKET_SIGNING_KEY_PEM: unsetIfEmpty(z.string().optional()),
  // Milliseconds a stopping worker waits for its running jobs to hand themselves back (scripts/worker.ts).
  WORKER_STOP_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(8000),
  // The restore drill (npm run drill, docs/deploying.md): the project its evidence goes to, its RTO target,
  // and the worker's weekly schedule (off unless a cron expression is given, e.g. "30 3 * * 0").
  DRILL_PROJECT: unsetIfEmpty(z.string().optional()),
  DRILL_RTO_TARGET_SECONDS: z.coerce.number().int().min(1).default(3600),
  DRILL_SCHEDULE: unsetIfEmpty(z.string().default("off")),
  // Where pg_dump and pg_restore are, when not in /usr/lib/postgresql/<n>/bin or on PATH.
  DRILL_PG_BIN_DIR: unsetIfEmpty(z.string().optional()),
  // Reverse proxies in front of the app that append to X-Forwarded-For (the sign-in throttle's client address).
  TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  // Single sign-on through an OpenID Provider (lib/auth/sso-config.ts; docs/security.md, "Single sign-on").
  // On when issuer, client id, client secret and role map are all set.
  OIDC_ISSUER: unsetIfEmpty(z.url({ protocol: /^https?$/, error: "must be the provider's issuer URL" }).optional()),
  OIDC_CLIENT_ID: unsetIfEmpty(z.string().optional()),
  OIDC_CLIENT_SECRET: unsetIfEmpty(z.string().optional()),
  OIDC_SCOPES: unsetIfEmpty(z.string().default("openid email profile groups")),
  OIDC_GROUPS_CLAIM: unsetIfEmpty(z.string().default("groups")),
  // group:ROLE pairs, e.g. proofline-admins:ADMIN,grc:COMPLIANCE_LEAD,eng:ENGINEER (SCIM groups use it too).
  OIDC_ROLE_MAP: unsetIfEmpty(z.string().optional()),
  OIDC_DISPLAY_NAME: unsetIfEmpty(z.string().max(40).default("single sign-on")),
  // "off": password sign-in only for auditors and the break-glass admins listed (comma-separated emails).
  PASSWORD_SIGN_IN: unsetIfEmpty(z.enum(["on", "off"]).default("on")),
  PASSWORD_BREAK_GLASS_EMAILS: unsetIfEmpty(z.string().default("")),
  // The role of a user provisioned by SCIM while no group of theirs is in the role map.
  SCIM_DEFAULT_ROLE: unsetIfEmpty(z.enum(["COMPLIANCE_LEAD", "ENGINEER", "AUDITOR"]).default("ENGINEER")),
});

// With BLOB_STORE=s3 the bucket must be set. Static keys are optional (without them the AWS SDK's
// standard credential chain is used: environment, shared config, web identity, container or instance
// role), but half a key pair is refused: the error names the half that is missing.
const ZEnv = ZEnvFields.superRefine((e, ctx) => {
  if (e.BLOB_STORE !== "s3") return;
  if (!e.S3_BUCKET)
    ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "S3_BUCKET is required when BLOB_STORE=s3" });
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    const missing = e.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID";
    const given = e.S3_ACCESS_KEY_ID ? "S3_ACCESS_KEY_ID" : "S3_SECRET_ACCESS_KEY";
    ctx.addIssue({
      code: "custom",
      path: [missing],
      message: `${missing} is required when ${given} is set (or leave both unset to use the standard AWS credential chain)`,
    });
  }
  if (e.S3_ENDPOINT && !e.S3_FORCE_PATH_STYLE) {
    const host = new URL(e.S3_ENDPOINT).hostname;
    if (host === "localhost" || /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith("[")) {
      ctx.addIssue({
        code: "custom",
        path: ["S3_FORCE_PATH_STYLE"],
        message: `must be true for an endpoint addressed by IP or localhost (${host}): the bucket cannot be put in front of it`,
      });
    }
  }
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;
export function env(): TEnv {
  if (!cached) {
    const parsed = ZEnv.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment:\n${lines.join("\n")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Forgets the parsed environment, so the next env() reads process.env again (tests that change it). */
export function resetEnvForTests(): void {
  cached = undefined;
}

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL is not set. Start the app with `npm start` (embedded database) or set DATABASE_URL.");
  return url;
}
