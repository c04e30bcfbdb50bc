// The audit workspace API's answers as the browser receives them (app/api/v1/audits/[auditId]/...).
import type { ResponseOf } from "@/lib/dto/serialized";
import type { listRequests } from "@/lib/audits/list-requests";
import type { getRequest } from "@/lib/audits/get-request";
import type { listPopulations } from "@/lib/audits/list-populations";
import type { listAuditEvidence } from "@/lib/audits/list-audit-evidence";

/** GET /api/v1/audits/[auditId]/requests (one page) */
export type RequestPageDto = ResponseOf<typeof listRequests>;

/** GET /api/v1/audits/[auditId]/requests/[requestId] */
export type RequestDetailDto = ResponseOf<typeof getRequest>;

/** One population of GET /api/v1/audits/[auditId]/populations ({ items }) */
export type PopulationDto = ResponseOf<typeof listPopulations>[number];

/** GET /api/v1/audits/[auditId]/evidence (one page) */
export type AuditEvidencePageDto = ResponseOf<typeof listAuditEvidence>;
