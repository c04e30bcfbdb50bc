// Many activity events in one go, for imports that change hundreds of items. The first event goes
// through recordActivity (which takes the chain's lock for the rest of the transaction); the others
// are chained onto it here and inserted with one statement per thousand, instead of three queries each.
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { eventHash } from "@/lib/activity/hash";
import { eventFields, recordActivity, type RecordActivityOptions } from "@/lib/activity/record-activity";

export async function recordActivities(tx: Tx, events: RecordActivityOptions[]): Promise<void> {
  if (!events.length) return;
  await recordActivity(tx, events[0]);
  if (events.length === 1) return;
  // recordActivity holds the chain lock until this transaction ends, so the newest event is ours.
  let prevHash = (await tx.activityEvent.findFirstOrThrow({ orderBy: { id: "desc" }, select: { hash: true } })).hash;
  const rows: Prisma.ActivityEventCreateManyInput[] = [];
  for (const options of events.slice(1)) {
    const fields = eventFields(options);
    const hash = eventHash(prevHash, fields);
    rows.push({ ...fields, summary: fields.summary as Prisma.InputJsonValue, prevHash, hash });
    prevHash = hash;
  }
  for (let i = 0; i < rows.length; i += 1000) await tx.activityEvent.createMany({ data: rows.slice(i, i + 1000) });
}
