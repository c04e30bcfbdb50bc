// The activity trail API's answers as the browser receives them (app/api/v1/activity).
import type { ResponseOf } from "@/lib/dto/serialized";
import type { listActivity } from "@/lib/activity/list-activity";

/** GET /api/v1/activity (one page) */
export type ActivityPageDto = ResponseOf<typeof listActivity>;
