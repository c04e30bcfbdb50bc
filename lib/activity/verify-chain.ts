import type { Db } from "@/lib/db";
import { GENESIS_HASH, eventHash } from "@/lib/activity/hash";

export interface ChainBreak {
  eventId: string;
  reason: string;
}

export interface ChainReport {
  checked: number;
  ok: boolean;
  firstBreak?: ChainBreak;
}

const BATCH = 5000;

/** Walks the activity trail in order, recomputing every hash; stops at the first broken link. */
export async function verifyActivityChain(db: Db): Promise<ChainReport> {
  let expectedPrev = GENESIS_HASH;
  let afterId: bigint | undefined;
  let checked = 0;
  for (;;) {
    const batch = await db.activityEvent.findMany({
      where: afterId === undefined ? {} : { id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const e of batch) {
      if (e.prevHash !== expectedPrev) {
        return {
          checked,
          ok: false,
          firstBreak: {
            eventId: e.id.toString(),
            reason: `event ${e.id} should follow hash ${expectedPrev.slice(0, 12)}… but records ${e.prevHash.slice(0, 12)}…: an earlier event was removed, inserted or altered`,
          },
        };
      }
      const recomputed = eventHash(e.prevHash, { ...e, summary: e.summary });
      if (recomputed !== e.hash) {
        return {
          checked,
          ok: false,
          firstBreak: { eventId: e.id.toString(), reason: `event ${e.id} (${e.action}) does not match its hash: its contents were changed after it was written` },
        };
      }
      expectedPrev = e.hash;
      checked += 1;
    }
    if (batch.length < BATCH) break;
    afterId = batch[batch.length - 1].id;
  }
  return { checked, ok: true };
}
