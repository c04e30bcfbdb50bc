// npm run activity:verify: walks the activity trail's hash chain; exits 1 at the first broken link.
import "./lib/load-env";
import { resolveDatabase } from "./lib/database";

async function main(): Promise<number> {
  const db = await resolveDatabase();
  process.env.DATABASE_URL = db.url;
  try {
    const { prisma, disconnectDb } = await import("../lib/db");
    const { verifyActivityChain } = await import("../lib/activity/verify-chain");
    const report = await verifyActivityChain(prisma);
    await disconnectDb();
    if (report.ok) {
      console.log(`Activity trail intact: ${report.checked} event(s) verified.`);
      return 0;
    }
    console.error(`Activity trail BROKEN after ${report.checked} intact event(s).`);
    console.error(`First broken link: event ${report.firstBreak?.eventId}: ${report.firstBreak?.reason}`);
    return 1;
  } finally {
    await db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
