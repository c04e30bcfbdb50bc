// npm start: the whole app on a fresh machine with no variables set.
//  - DATABASE_URL unset: an embedded PostgreSQL with its data under .data/pg (kept between starts).
//  - applies migrations; seeds the demo data once on the embedded database (or with --demo; never into
//    a DATABASE_URL database without it); builds when the sources changed; serves the app.
//  - the web server and the worker are supervised: a crash is logged and the process restarted with
//    backoff; after 5 crashes within a minute everything stops with a non-zero exit.
// npm run dev: the same with `next dev` instead of a production build.
import "./lib/load-env";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { resolveDatabase } from "./lib/database";
import { prepareForStart, type StartPreparation } from "./lib/prepare";
import { buildIsCurrent, writeBuildStamp } from "./lib/build-stamp";
import { ProcessGroup, run } from "./lib/children";
import { DEMO_PASSWORD, DEMO_USERS } from "../lib/seed/demo-users";
import { WEB_SERVER_ENV, WEB_SERVER_NODE_FLAGS } from "./lib/web-server-flags";
import { developmentKeyText } from "../lib/secret-box";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const nextBin = path.join("node_modules", "next", "dist", "bin", "next");

function localSecret(): string {
  // Sessions need a signing secret. When none is configured, make one for this installation and keep
  // it under .data (never committed), so that sessions survive restarts.
  const file = path.join(".data", "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(".data", { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function portFree(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.once("listening", () => s.close(() => resolve(true)));
    s.listen(p, host);
  });
}

async function main() {
  if (!(await portFree(port))) {
    console.error(
      `Port ${port} is already in use. Stop whatever is using it, or start Proofline on another port: PORT=3001 npm start`,
    );
    process.exit(1);
  }
  const secret = process.env.NEXTAUTH_SECRET || localSecret();
  const db = await resolveDatabase();
  const group = new ProcessGroup(() => db.stop());
  let prepared: StartPreparation;
  try {
    prepared = await prepareForStart({ url: db.url, embedded: db.embedded, argv: process.argv.slice(2) });
  } catch (err) {
    console.error(`Preparing the database failed: ${err instanceof Error ? err.message : err}`);
    await db.stop();
    process.exit(1);
  }
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    NEXTAUTH_SECRET: secret,
    // The key that seals stored secrets (lib/secret-box.ts): kept in .data/secrets-key when not configured.
    SECRETS_KEY: process.env.SECRETS_KEY || developmentKeyText(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    // The demo's published password is allowed only in the demo (see lib/auth/demo-accounts.ts).
    PROOFLINE_DEMO: prepared.demo ? "1" : "0",
  };
  if (!dev && !buildIsCurrent()) {
    console.log("Building the app (first start, or the sources changed)…");
    try {
      await run(process.execPath, [nextBin, "build"], { env: { ...env, NODE_ENV: "production" } });
      writeBuildStamp();
    } catch (err) {
      console.error(err instanceof Error ? err.message : err);
      await db.stop();
      process.exit(1);
    }
  }
  group.start(
    "web server",
    process.execPath,
    [...(dev ? [] : WEB_SERVER_NODE_FLAGS), nextBin, dev ? "dev" : "start", "-p", String(port), "-H", host],
    {
      env: dev ? env : { ...env, ...WEB_SERVER_ENV },
    },
  );
  if (existsSync(path.join("scripts", "worker.ts"))) {
    group.start(
      "worker",
      process.execPath,
      [path.join("node_modules", "tsx", "dist", "cli.mjs"), path.join("scripts", "worker.ts")],
      { env },
    );
  }
  const where = db.embedded ? "embedded PostgreSQL (data in .data/pg)" : "the PostgreSQL server in DATABASE_URL";
  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  const signIns = prepared.demo
    ? [
        `Demo sign-ins (password for all: ${DEMO_PASSWORD}):`,
        ...DEMO_USERS.map((u) => `  ${u.email.padEnd(width)}  ${u.role}`),
      ]
    : prepared.users === 0
      ? [
          'No accounts yet: create the first administrator with `npm run admin:create -- --email <email> --name "<name>"`.',
        ]
      : ["No demo data (DATABASE_URL is set; add --demo to seed the demo into an empty database)."];
  console.log(
    [
      "",
      `Proofline is starting at http://localhost:${port}  (database: ${where})`,
      "",
      ...signIns,
      "",
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
