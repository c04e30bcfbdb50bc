import type { JobDefinition } from "@/lib/jobs/types";
import { runPacketBuild } from "@/lib/packets/run-packet-build";
import { PACKET_BUILD_JOB } from "@/lib/packets/job-name";

export { PACKET_BUILD_JOB };

/** Packet builds run one at a time per worker (CPU-bound), for up to an hour each. */
export const packetBuildJob: JobDefinition<{ packetId: string }> = {
  name: PACKET_BUILD_JOB,
  concurrency: 1,
  expireInSeconds: 60 * 60,
  retryLimit: 0,
  run: async ({ packetId }) => runPacketBuild(packetId),
};
