// The runbooks API's answers as the browser receives them (app/api/v1/projects/[slug]/runbooks).
import type { ResponseOf } from "@/lib/dto/serialized";
import type { getRunbook } from "@/lib/runbooks/get-runbook";

/** GET /api/v1/projects/[slug]/runbooks/[runbookId]; the runbook page hands the same over as initial data. */
export type RunbookDto = ResponseOf<typeof getRunbook>;
export type RunbookStepDto = RunbookDto["shownVersion"]["steps"][number];
