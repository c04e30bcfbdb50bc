// The project evidence API's answers as the browser receives them (app/api/v1/projects/[slug]/evidence).
import type { ResponseOf, Serialized } from "@/lib/dto/serialized";
import type { EvidenceListItem, listEvidence } from "@/lib/evidence/list-evidence";

/** GET /api/v1/projects/[slug]/evidence (one page) */
export type EvidencePageDto = ResponseOf<typeof listEvidence>;
export type EvidenceRowDto = Serialized<EvidenceListItem>;
