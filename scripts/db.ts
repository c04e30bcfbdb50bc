// npm run db:migrate | db:migrate:dev -- <name> | db:status | db:seed | db:reset
// Uses DATABASE_URL when set, otherwise the embedded PostgreSQL under .data/pg.
import "./lib/load-env";
import { resolveDatabase } from "./lib/database";
import { createMigration, deployMigrations, migrationStatus, resetDatabase } from "./lib/migrate";
import { prepareDatabase } from "./lib/prepare";
import { runMain } from "./lib/run-main";

const [command, ...args] = process.argv.slice(2);
const usage = "usage: tsx scripts/db.ts deploy | dev <name> | status | seed | reset";

async function main(): Promise<number> {
  if (!command || !["deploy", "dev", "status", "seed", "reset"].includes(command)) {
    console.error(usage);
    return 2;
  }
  const server = await resolveDatabase();
  process.env.DATABASE_URL = server.url;
  const started = Date.now();
  try {
    switch (command) {
      case "deploy": {
        const applied = await deployMigrations(server.url);
        console.log(
          applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "No pending migrations.",
        );
        await prepareDatabase({ url: server.url, demo: false });
        break;
      }
      case "dev": {
        const name = args.find((a) => !a.startsWith("-"));
        if (!name) {
          console.error("usage: npm run db:migrate:dev -- <migration_name>");
          return 2;
        }
        const created = await createMigration(server.url, name);
        console.log(
          created
            ? `Created and applied ${created}/migration.sql`
            : "Schema and migrations are in sync; no new migration.",
        );
        break;
      }
      case "status":
        console.log(JSON.stringify(await migrationStatus(server.url), null, 2));
        break;
      case "reset": {
        const applied = await resetDatabase(server.url);
        console.log(`Database emptied; applied ${applied.length} migration(s).`);
        await prepareDatabase({ url: server.url, demo: false });
        break;
      }
      case "seed":
        await prepareDatabase({ url: server.url, demo: true });
        break;
    }
    console.log(`done in ${Date.now() - started} ms`);
    return 0;
  } finally {
    await server.stop();
  }
}

runMain(main);
