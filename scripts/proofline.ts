// npm run proofline -- token create --project <slug> --name <name> [--scopes evidence:write,readiness:read] [--expires-in-days N]
// npm run proofline -- push <file> --project <slug> [...]   (the same one-file CLI the server serves at /cli/proofline.mjs)
//
// `token create` runs on the server, against its database (DATABASE_URL, or the embedded one), for
// automation that cannot click through the browser. The secret is printed once.
import "./lib/load-env";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { resolveDatabase } from "./lib/database";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const USAGE = `usage:
  npm run proofline -- token create --project <slug> --name <name> [--scopes evidence:write,readiness:read] [--expires-in-days <n>]
  npm run proofline -- push <file> --project <slug> [--format <f>] [--commit <sha>] ...   (needs PROOFLINE_URL and PROOFLINE_TOKEN)
  npm run proofline -- push --drill <name> <file> <file> ... --project <slug> [--runbook <key>]   (one restore drill of several tool outputs)
  npm run proofline -- verify <packet.zip> [--public-key <key.pem>]   (checks an auditor packet offline)`;

const TOKEN_OPTIONS = ["project", "name", "scopes", "expires-in-days"] as const;

function options(args: string[]): Record<string, string> {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: Object.fromEntries(TOKEN_OPTIONS.map((o) => [o, { type: "string" as const }])),
  });
  for (const [k, v] of Object.entries(values)) if (v === "") throw new Error(`--${k} needs a value.`);
  return values as Record<string, string>;
}

async function tokenCreate(args: string[]): Promise<number> {
  let o: Record<string, string>;
  try {
    o = options(args);
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : err}\n${USAGE}`);
    return 2;
  }
  if (!o.project || !o.name) {
    console.error(`Give --project and --name.\n${USAGE}`);
    return 2;
  }
  const server = await resolveDatabase();
  process.env.DATABASE_URL = server.url;
  try {
    const { createToken } = await import("../lib/tokens/create-token");
    const { systemCtx } = await import("../lib/auth/actor");
    const { disconnectDb } = await import("../lib/db");
    const now = new Date();
    const days = o["expires-in-days"] ? Number(o["expires-in-days"]) : null;
    if (days !== null && !(Number.isInteger(days) && days > 0))
      throw new Error("--expires-in-days must be a whole number of days.");
    try {
      const token = await createToken({
        ctx: systemCtx("cli"),
        projectSlug: o.project,
        data: {
          name: o.name,
          scopes: (o.scopes ?? "evidence:write").split(",").map((s) => s.trim()) as never,
          expiresAt: days ? new Date(now.getTime() + days * 86_400_000).toISOString() : null,
        },
        now,
      });
      console.error(
        `Created token "${token.name}" for project ${token.project} (scopes: ${token.scopes.join(", ")}${token.expiresAt ? `, expires ${token.expiresAt.toISOString()}` : ""}).`,
      );
      console.error("The secret is shown only now; store it as PROOFLINE_TOKEN in your CI secrets:");
      console.log(token.secret);
      return 0;
    } finally {
      await disconnectDb();
    }
  } finally {
    await server.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (command === "token" && sub === "create") return tokenCreate(rest);
  if (command === "push" || command === "verify" || command === "help") {
    const cli = path.resolve(HERE, "../public/cli/proofline.mjs");
    return spawnSync(process.execPath, [cli, ...argv], { stdio: "inherit" }).status ?? 1;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
