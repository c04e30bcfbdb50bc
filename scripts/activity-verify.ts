// npm run activity:verify: walks the activity trail's hash chain and checks it against the signed
// heads (each signed by the deployment's packet-signing key); exits 1 at the first broken link.
import "./lib/load-env";
import { resolveDatabase } from "./lib/database";

async function main(): Promise<number> {
  const db = await resolveDatabase();
  process.env.DATABASE_URL = db.url;
  try {
    const { prisma, disconnectDb } = await import("../lib/db");
    const { verifyActivityChain } = await import("../lib/activity/verify-chain");
    const { existingPublicKey } = await import("../lib/packets/signing-key");
    const report = await verifyActivityChain(prisma, { publicKey: existingPublicKey() });
    await disconnectDb();
    const head = report.latestSignedHead;
    if (report.ok) {
      console.log(`Activity trail intact: ${report.checked} event(s) verified.`);
      console.log(
        head
          ? `Signed heads: ${report.signedHeads} match the trail; the latest, signed at ${head.signedAt}, is event ${head.eventId} (hash ${head.hash}).`
          : "Signed heads: none yet (the worker signs the trail's head hourly). Without one, a rewrite that recomputes every hash is not detectable.",
      );
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
