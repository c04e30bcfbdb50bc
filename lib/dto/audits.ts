// The audit workspace API's answers as the browser receives them (app/api/v1/audits/..., /api/auth/invitations).
import type { ResponseOf } from "@/lib/dto/serialized";
import type { listRequests } from "@/lib/audits/list-requests";
import type { getRequest } from "@/lib/audits/get-request";
import type { listPopulations } from "@/lib/audits/list-populations";
import type { listAuditEvidence } from "@/lib/audits/list-audit-evidence";
import type { listAudits } from "@/lib/audits/list-audits";
import type { getAudit } from "@/lib/audits/get-audit";
import type { getPopulation } from "@/lib/audits/get-population";
import type { createPopulation } from "@/lib/audits/create-population";
import type { drawSample } from "@/lib/audits/draw-population-sample";
import type { grantAuditor } from "@/lib/audits/grant-auditor";
import type { revokeGrant } from "@/lib/audits/revoke-grant";
import type { inviteAuditor } from "@/lib/users/invite-auditor";

/** GET /api/v1/audits/[auditId]/requests (one page) */
export type RequestPageDto = ResponseOf<typeof listRequests>;

/** GET /api/v1/audits/[auditId]/requests/[requestId] */
export type RequestDetailDto = ResponseOf<typeof getRequest>;

/** One population of GET /api/v1/audits/[auditId]/populations ({ items }) */
export type PopulationDto = ResponseOf<typeof listPopulations>[number];

/** GET /api/v1/audits/[auditId]/evidence (one page) */
export type AuditEvidencePageDto = ResponseOf<typeof listAuditEvidence>;

/** GET /api/v1/audits (one page) */
export type AuditPageDto = ResponseOf<typeof listAudits>;

/** One auditor grant of an audit's page (for those who manage audits), as the grants panel receives it. */
export type AuditorGrantDto = ResponseOf<typeof getAudit>["grants"][number];
/** POST /api/v1/audits/[auditId]/grants (201): the grant made, or the live one extended */
export type GrantDto = ResponseOf<typeof grantAuditor>;
/** DELETE /api/v1/audits/[auditId]/grants/[grantId] */
export type RevokedGrantDto = ResponseOf<typeof revokeGrant>;
/** POST /api/auth/invitations (201): the auditor, and the one-time set-password link when they have no password */
export type AuditorInviteDto = ResponseOf<typeof inviteAuditor>;

/** POST /api/v1/audits/[auditId]/populations (201): the population as queued for counting */
export type CreatedPopulationDto = ResponseOf<typeof createPopulation>;
/** GET /api/v1/audits/[auditId]/populations/[populationId] (one page of members, and the samples) */
export type PopulationDetailDto = ResponseOf<typeof getPopulation>;
/** One member of a population's page, in the stable order samples are drawn from */
export type PopulationMemberDto = PopulationDetailDto["members"]["items"][number];
/** POST /api/v1/audits/[auditId]/populations/[populationId]/samples (201) */
export type SampleDto = ResponseOf<typeof drawSample>;
