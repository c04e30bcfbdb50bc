import type PgBoss from "pg-boss";
import { boss } from "@/lib/jobs/boss";

/** Queues a job for the worker; returns its id (null when a singleton key is already queued). */
export async function enqueue(name: string, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
  const b = await boss();
  await b.createQueue(name);
  return b.send(name, data, options);
}
