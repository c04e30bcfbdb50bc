import { z } from "zod";

// The one place that reads process.env for the app. Parsed lazily (first use), so that `next build`,
// which imports route modules, needs no variables.

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1, "DATABASE_URL is not set").optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().optional(),
  SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(60).default(8 * 60 * 60),
  BLOB_DIR: z.string().default(".data/blobs"),
  PACKET_DIR: z.string().default(".data/packets"),
  PACKET_SIGNING_KEY_FILE: z.string().default(".data/packet-signing-key.pem"),
  PACKET_RENDER_PROCESSES: z.coerce.number().int().min(0).max(16).optional(),
  // Size limits, in bytes (see .env.example and lib/limits.ts).
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).optional(),
  INGEST_MAX_BODY_BYTES: z.coerce.number().int().min(1024).optional(),
  INGEST_MAX_JSON_BYTES: z.coerce.number().int().min(1024).optional(),
  INGEST_MAX_LINE_BYTES: z.coerce.number().int().min(1024).optional(),
  PROOFLINE_TEST_CLOCK: z.enum(["0", "1"]).default("0"),
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
  if (!url) throw new Error("DATABASE_URL is not set. Start the app with `npm start` (embedded database) or set DATABASE_URL.");
  return url;
}
