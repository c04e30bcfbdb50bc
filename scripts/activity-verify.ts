// npm run activity:verify [-- --packet packet.zip …]: walks the activity trail's hash chain and checks
// it against the signed heads (each signed by the deployment's packet-signing key), and against the
// head carried by each packet given (a copy the database owner cannot delete); exits 1 at the first
// broken link, 2 when it cannot run (a packet that does not verify, no database).
import "./lib/load-env";
import type { KeyObject } from "node:crypto";
import { resolveDatabase } from "./lib/database";
import type { SignedHead } from "../lib/activity/signed-head";
import { runMain } from "./lib/run-main";

function packetArgs(argv: string[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--packet" && argv[i + 1]) files.push(argv[++i]);
    else throw new Error(`usage: npm run activity:verify [-- --packet packet.zip …] (unexpected "${argv[i]}")`);
  }
  return files;
}

/** The signed trail head each packet carries, after the packet itself verified against the deployment's key. */
async function packetHeads(files: string[], publicKey: KeyObject | null): Promise<SignedHead[]> {
  const heads: SignedHead[] = [];
  if (!files.length) return heads;
  if (!publicKey) throw new Error("The packet-signing key file is missing: packets cannot be checked.");
  const { verifyPacket } = await import("../public/cli/proofline.mjs");
  for (const file of files) {
    const result = await verifyPacket(file, { expectedPublicKey: publicKey });
    if (!result.ok)
      throw new Error(
        `${file} does not verify against this deployment's key: ${result.problems.map((p: { path: string; problem: string }) => `${p.path} ${p.problem}`).join("; ")}`,
      );
    if (result.activityHead) heads.push(result.activityHead as SignedHead);
    else console.log(`${file} carries no signed head (built before the first one was signed).`);
  }
  return heads;
}

async function main(): Promise<number> {
  const db = await resolveDatabase();
  process.env.DATABASE_URL = db.url;
  try {
    const { prisma, disconnectDb } = await import("../lib/db");
    const { verifyActivityChain } = await import("../lib/activity/verify-chain");
    const { existingPublicKey } = await import("../lib/packets/signing-key");
    const publicKey = existingPublicKey();
    const anchors = await packetHeads(packetArgs(process.argv.slice(2)), publicKey);
    const report = await verifyActivityChain(prisma, { publicKey, anchors });
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

runMain(main, { failCode: 2 });
