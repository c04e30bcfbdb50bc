// The packets API's answers as the browser receives them (app/api/v1/audits/[auditId]/packets).
import type { ResponseOf, Serialized } from "@/lib/dto/serialized";
import type { listPackets, PacketView } from "@/lib/packets/list-packets";

/** One packet build of GET /api/v1/audits/[auditId]/packets ({ items }) */
export type PacketRowDto = ResponseOf<typeof listPackets>[number];

/** POST .../packets (queue a build) and its cancel/retry actions answer with the packet's view. */
export type PacketViewDto = Serialized<PacketView>;
