// npm run admin:create -- --email <email> --name "<name>" [--password-stdin]
// Creates an administrator: the first real account of a deployment (npm start seeds demo accounts only
// on the embedded database or with --demo). The password is asked twice without echo, or read from the
// first line of standard input with --password-stdin (for automation). It is never taken as an argument,
// which would leave it in the shell history and the process list. A weak password is refused.
// Uses DATABASE_URL when set, otherwise the embedded PostgreSQL under .data/pg; applies pending
// migrations first, so it works on an empty database.
import "./lib/load-env";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { resolveDatabase } from "./lib/database";
import { prepareDatabase } from "./lib/prepare";
import { runMain } from "./lib/run-main";

const USAGE = 'usage: npm run admin:create -- --email <email> --name "<full name>" [--password-stdin]';

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > 4096) break; // a password is one short line
  }
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/, 1)[0] ?? "";
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    process.stdout.write(question);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    rl.question("", (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

async function readPassword(fromStdin: boolean): Promise<string | null> {
  if (fromStdin) return readStdinLine();
  if (!process.stdin.isTTY) {
    console.error("No terminal to ask for the password: pipe it in with --password-stdin.");
    return null;
  }
  const first = await askHidden("Password: ");
  const second = await askHidden("The same password again: ");
  if (first !== second) {
    console.error("The two passwords differ; nothing was created.");
    return null;
  }
  return first;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || !values.email || !values.name) {
    console.error(USAGE);
    return 2;
  }
  const password = await readPassword(values["password-stdin"]);
  if (password === null) return 2;
  const { weakPasswordReason } = await import("@/lib/auth/password-strength");
  const weak = weakPasswordReason(password, { email: values.email, name: values.name });
  if (weak) {
    console.error(`The password is too weak: ${weak} Nothing was created.`);
    return 1;
  }

  const server = await resolveDatabase();
  try {
    await prepareDatabase({ url: server.url, demo: false, log: () => undefined });
    const { disconnectDb } = await import("@/lib/db");
    const { systemCtx } = await import("@/lib/auth/actor");
    const { createAdminAccount } = await import("@/lib/users/create-admin-account");
    const { findDemoPasswordAccounts } = await import("@/lib/auth/demo-accounts");
    const { isAppError } = await import("@/lib/errors");
    try {
      const user = await createAdminAccount({
        ctx: systemCtx("admin:create"),
        data: { email: values.email, name: values.name, password },
      });
      console.log(
        `Created the administrator ${user.name} <${user.email}>. Sign in with this email and the password you chose.`,
      );
      const demo = await findDemoPasswordAccounts();
      if (demo.length)
        console.log(
          `Note: ${demo.join(", ")} still have the published demo password; deactivate them before serving this database in production.`,
        );
      return 0;
    } catch (err) {
      if (isAppError(err)) {
        console.error(`${err.message} Nothing was created.`);
        return 1;
      }
      throw err;
    } finally {
      await disconnectDb();
    }
  } finally {
    await server.stop();
  }
}

runMain(main);
