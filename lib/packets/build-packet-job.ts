import type { JobDefinition } from "@/lib/jobs/types";
import { runPacketBuild } from "@/lib/packets/run-packet-build";
import { PACKET_BUILD_JOB } from "@/lib/packets/job-name";

export { PACKET_BUILD_JOB };

/**
 * Packet builds run one at a time per worker (CPU-bound), for up to an hour each. A stopping worker
 * hands its build back (lib/jobs/hand-back.ts); each hand-back uses one retry. A build's own failure
 * never throws (it is recorded on the Packet); a retried job builds again only while its packet is QUEUED
 * or still RUNNING under the same job (the attempt before was cut off), else it does nothing.
 */
export const packetBuildJob: JobDefinition<{ packetId: string }> = {
  name: PACKET_BUILD_JOB,
  concurrency: 1,
  expireInSeconds: 60 * 60,
  retryLimit: 3,
  run: async ({ packetId }, { id, signal }) => runPacketBuild(packetId, console.log, signal, id),
};
