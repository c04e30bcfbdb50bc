import { z } from "zod";
import { ZPageQuery } from "@/lib/pagination";
import { EvidenceKind, EvidenceOutcome } from "@/generated/prisma/enums";
import { FORMATS, PUSH_FORMATS, type FormatId } from "@/lib/ingest/formats";
import { AUDIT_FIELDS } from "@/lib/ingest/audit-log";

// Inputs of the evidence area: one schema each, shared by the route handlers, the forms and the
// OpenAPI document (app/api/v1/openapi.json).

const instant = z.iso.datetime({
  offset: true,
  message: "Use an ISO 8601 time with a zone, e.g. 2026-03-02T09:41:10Z",
});
const text = (max: number) => z.string().trim().min(1).max(max);
const url = z.url({ protocol: /^https?$/, message: "Use an http(s) URL" }).max(2000);

export const ZEvidenceKind = z.enum(Object.values(EvidenceKind) as [EvidenceKind, ...EvidenceKind[]]);
export const ZEvidenceOutcome = z.enum(Object.values(EvidenceOutcome) as [EvidenceOutcome, ...EvidenceOutcome[]]);
export const ZPushFormat = z.enum(PUSH_FORMATS as [FormatId, ...FormatId[]], {
  message: `Use one of: ${PUSH_FORMATS.join(", ")}`,
});
export const ZFormat = z.enum(Object.keys(FORMATS) as [FormatId, ...FormatId[]]);

/** Where a pushed body came from: query parameters or X-Proofline-* headers (see SOURCE_HEADERS). */
export const ZEvidencePushMeta = z.strictObject({
  format: ZPushFormat.optional(),
  repo: text(300).optional(),
  branch: text(300).optional(),
  commit: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{7,64}$/, "Use a commit hash (7 to 64 hex digits)")
    .optional(),
  workflow: text(300).optional(),
  runUrl: url.optional(),
  effectiveAt: instant.optional(),
  periodStart: instant.optional(),
  periodEnd: instant.optional(),
  filename: text(300).optional(),
  title: text(300).optional(),
  /** For manual files only: what the uploader states the file shows (default PASS). */
  outcome: ZEvidenceOutcome.optional(),
});
export type TEvidencePushMeta = z.infer<typeof ZEvidencePushMeta>;

/** POST /projects/{project}/drills: several tool outputs (multipart file parts) pushed as one restore drill. */
export const ZDrillPushQuery = z.strictObject({
  name: text(200),
  /** The runbook the drill exercises (its key); by default the one whose key is the drill's name. */
  runbook: text(200).optional(),
});
export type TDrillPushQuery = z.infer<typeof ZDrillPushQuery>;
export const MAX_DRILL_FILES = 20;

export const SOURCE_HEADERS: Record<Exclude<keyof TEvidencePushMeta, "outcome" | "title">, string> = {
  format: "x-proofline-format",
  repo: "x-proofline-repo",
  branch: "x-proofline-branch",
  commit: "x-proofline-commit",
  workflow: "x-proofline-workflow",
  runUrl: "x-proofline-run-url",
  effectiveAt: "x-proofline-effective-at",
  periodStart: "x-proofline-period-start",
  periodEnd: "x-proofline-period-end",
  filename: "x-proofline-filename",
};

export const ZEvidenceLink = z.strictObject({
  url,
  title: text(300),
  effectiveAt: instant,
  periodStart: instant.optional(),
  periodEnd: instant.optional(),
  outcome: ZEvidenceOutcome.default("PASS"),
});
export type TEvidenceLink = z.infer<typeof ZEvidenceLink>;

export const ZEvidenceListQuery = z.strictObject({
  ...ZPageQuery,
  kind: ZEvidenceKind.optional(),
  outcome: ZEvidenceOutcome.optional(),
  control: z.string().trim().min(1).max(40).optional(),
  repo: text(300).optional(),
  from: instant.optional(),
  to: instant.optional(),
});
export type TEvidenceListQuery = z.infer<typeof ZEvidenceListQuery>;

const pattern = z.string().trim().min(1, "Leave empty or give a pattern").max(200);
export const ZRuleConditions = z.strictObject({
  repo: pattern.optional(),
  branch: pattern.optional(),
  workflow: pattern.optional(),
  name: pattern.optional(),
});

export const ZEvidenceRuleInput = z.strictObject({
  name: text(120),
  kind: ZEvidenceKind.nullable().default(null),
  format: ZFormat.nullable().default(null),
  conditions: ZRuleConditions.default({}),
  controlKeys: z.array(z.string().trim().min(1).max(40)).min(1, "Choose at least one control").max(50),
  enabled: z.boolean().default(true),
});
export type TEvidenceRuleInput = z.infer<typeof ZEvidenceRuleInput>;

export const ZEvidenceRuleUpdate = ZEvidenceRuleInput.partial().refine(
  (v) => Object.values(v).some((x) => x !== undefined),
  "Send at least one field to change",
);
export type TEvidenceRuleUpdate = z.infer<typeof ZEvidenceRuleUpdate>;

export const ZAuditLogMapping = z.strictObject(
  Object.fromEntries(
    AUDIT_FIELDS.map((f) => [
      f,
      z
        .string()
        .trim()
        .min(1)
        .max(200)
        .regex(/^[^.\s][^\s]*$/, "Use a dotted path such as user.email")
        .optional(),
    ]),
  ) as Record<(typeof AUDIT_FIELDS)[number], z.ZodOptional<z.ZodString>>,
);
export type TAuditLogMapping = z.infer<typeof ZAuditLogMapping>;
