// The backlog API's answers as the browser receives them (app/api/v1/backlog, /projects/[slug]/backlog).
import type { ResponseOf } from "@/lib/dto/serialized";
import type { getBacklogItem } from "@/lib/backlog/get-backlog-item";
import type { listBacklogItems } from "@/lib/backlog/list-backlog-items";
import type { backlogCounts } from "@/lib/backlog/backlog-counts";

/** GET /api/v1/projects/[slug]/backlog/[itemId]; the item page hands the same over as initial data. */
export type BacklogItemDto = ResponseOf<typeof getBacklogItem>;

/** GET /api/v1/backlog and /api/v1/projects/[slug]/backlog (one page) */
export type BacklogPageDto = ResponseOf<typeof listBacklogItems>;
export type BacklogRowDto = BacklogPageDto["items"][number];

/** GET /api/v1/backlog/counts and /api/v1/projects/[slug]/backlog/counts */
export type BacklogCountsDto = ResponseOf<typeof backlogCounts>;
