import { z } from "zod";
import { ZPageQuery } from "@/lib/pagination";

// Inputs of the audit workspace: audits, auditor grants, the request list, populations and samples,
// packets. Shared by the forms, the route handlers and the API documentation.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A date ("2026-06-30") or a date-time. A bare date means the start or the end of that UTC day. */
function ZMoment(edge: "start" | "end", label: string) {
  // A Date passes as it is, so that a value parsed once (by the route wrapper) validates again in lib.
  return z.union([z.date(), ZMomentText(edge, label)], { error: `Enter ${label}` });
}

function ZMomentText(edge: "start" | "end", label: string) {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .transform((value, ctx) => {
      const d = DAY.test(value)
        ? new Date(`${value}T${edge === "start" ? "00:00:00.000" : "23:59:59.999"}Z`)
        : new Date(value);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: "custom", message: `Enter ${label} as a date (YYYY-MM-DD) or an ISO date-time` });
        return z.NEVER;
      }
      return d;
    });
}

export const AUDIT_STATUSES = ["PLANNING", "FIELDWORK", "REPORTING", "CLOSED"] as const;
export const ZAuditStatus = z.enum(AUDIT_STATUSES);
export const ZAuditType = z.enum(["TYPE_I", "TYPE_II"]);

export const ZAuditCreate = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(3, "Give the audit a name of at least 3 characters")
      .max(120, "Keep the name under 120 characters"),
    framework: z.string().trim().min(1, "Choose the framework being audited").max(64),
    projects: z
      .array(z.string().trim().min(1).max(64))
      .min(1, "Choose at least one project in scope")
      .max(50, "At most 50 projects per audit"),
    type: ZAuditType,
    windowStart: ZMoment("start", "the first day of the window").optional(),
    windowEnd: ZMoment("end", "the last day of the window (or the point in time)"),
    leadId: z.string().trim().min(1).max(64).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.type === "TYPE_II" && !v.windowStart)
      ctx.addIssue({
        code: "custom",
        path: ["windowStart"],
        message: "A Type II audit needs the first day of its window",
      });
    if (v.type === "TYPE_II" && v.windowStart && v.windowStart >= v.windowEnd)
      ctx.addIssue({ code: "custom", path: ["windowEnd"], message: "The window must end after it starts" });
  });
export type TAuditCreate = z.input<typeof ZAuditCreate>;

export const ZAuditUpdate = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(3, "Give the audit a name of at least 3 characters")
      .max(120, "Keep the name under 120 characters")
      .optional(),
    status: ZAuditStatus.optional(),
  })
  .refine((v) => v.name !== undefined || v.status !== undefined, "Send a name or a status");
export type TAuditUpdate = z.input<typeof ZAuditUpdate>;

export const ZGrantCreate = z.strictObject({
  userId: z.string().trim().min(1, "Choose the auditor").max(64),
  expiresAt: ZMoment("end", "the day access ends"),
});
export type TGrantCreate = z.input<typeof ZGrantCreate>;

export const REQUEST_STATUSES = ["OPEN", "ANSWERED", "ACCEPTED", "RETURNED"] as const;
export const ZRequestStatus = z.enum(REQUEST_STATUSES);

export const ZRequestCreate = z
  .strictObject({
    title: z
      .string()
      .trim()
      .min(3, "Say what you need in at least 3 characters")
      .max(200, "Keep the title under 200 characters"),
    detail: z.string().trim().max(5000, "Keep the detail under 5,000 characters").default(""),
    requirementRef: z.string().trim().min(1).max(64).optional(),
    controlKey: z.string().trim().min(1).max(64).optional(),
    dueAt: ZMoment("end", "the due date").optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.requirementRef === !v.controlKey)
      ctx.addIssue({
        code: "custom",
        path: ["requirementRef"],
        message: "Raise the request against exactly one requirement or one control",
      });
  });
export type TRequestCreate = z.input<typeof ZRequestCreate>;

export const ZRequestAssign = z.strictObject({ ownerId: z.string().trim().min(1).max(64).nullable() });
export type TRequestAssign = z.input<typeof ZRequestAssign>;

export const ZRequestAnswer = z.strictObject({
  evidenceIds: z
    .array(z.string().trim().min(1).max(64))
    .max(100, "Attach at most 100 pieces of evidence at once")
    .default([]),
  comment: z.string().trim().max(5000, "Keep the comment under 5,000 characters").default(""),
});
export type TRequestAnswer = z.input<typeof ZRequestAnswer>;

export const ZRequestReview = z
  .strictObject({
    decision: z.enum(["accept", "return"]),
    comment: z.string().trim().max(5000, "Keep the comment under 5,000 characters").default(""),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "return" && !v.comment)
      ctx.addIssue({ code: "custom", path: ["comment"], message: "Say why the answer is returned" });
  });
export type TRequestReview = z.input<typeof ZRequestReview>;

export const ZCommentCreate = z.strictObject({
  body: z.string().trim().min(1, "Write a comment").max(5000, "Keep the comment under 5,000 characters"),
});

export const ZRequestListQuery = z.strictObject({
  status: ZRequestStatus.optional(),
  mine: z.enum(["1"]).optional(),
  ...ZPageQuery,
});

export const POPULATION_KINDS = ["merged-prs", "main-ci-runs", "restore-drills", "audit-events"] as const;
export type PopulationKind = (typeof POPULATION_KINDS)[number];

const text = (max: number) => z.string().trim().min(1).max(max).optional();

export const ZPopulationFilter = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("merged-prs"), repo: text(200), baseBranch: text(200) }),
  z.strictObject({
    kind: z.literal("main-ci-runs"),
    branch: z.string().trim().min(1).max(200).default("main"),
    workflow: text(200),
  }),
  z.strictObject({ kind: z.literal("restore-drills"), runbookKey: text(100) }),
  z.strictObject({ kind: z.literal("audit-events"), action: text(200), actor: text(320), outcome: text(40) }),
]);
export type TPopulationFilter = z.output<typeof ZPopulationFilter>;

export const ZPopulationCreate = z.strictObject({
  controlKey: z.string().trim().min(1).max(64).optional(),
  filter: ZPopulationFilter,
});
export type TPopulationCreate = z.input<typeof ZPopulationCreate>;

export const SAMPLE_MAX = 1000;
export const ZSampleCreate = z.strictObject({
  size: z.coerce
    .number()
    .int("Use a whole number")
    .min(1, "Draw at least 1")
    .max(SAMPLE_MAX, `Draw at most ${SAMPLE_MAX}`),
  seed: z
    .string()
    .trim()
    .min(1)
    .max(64, "Keep the seed under 64 characters")
    .regex(/^[A-Za-z0-9._-]+$/, "Use letters, digits, dots, dashes and underscores in the seed")
    .optional(),
});
export type TSampleCreate = z.input<typeof ZSampleCreate>;

export const ZPageOnly = z.strictObject({ ...ZPageQuery });

export const ZCandidateQuery = z.strictObject({ q: z.string().trim().max(200).optional(), ...ZPageQuery });

export const ZAuditEvidenceQuery = z.strictObject({
  project: z.string().trim().max(64).optional(),
  outcome: z.enum(["PASS", "FAIL", "WARN", "INFO"]).optional(),
  ...ZPageQuery,
});

const ZId = z.string().trim().min(1).max(64);
export const ZAuditParams = z.strictObject({ auditId: ZId });
export const ZGrantParams = z.strictObject({ auditId: ZId, grantId: ZId });
export const ZRequestParams = z.strictObject({ auditId: ZId, requestId: ZId });
export const ZPopulationParams = z.strictObject({ auditId: ZId, populationId: ZId });
export const ZSampleParams = z.strictObject({ auditId: ZId, populationId: ZId, sampleId: ZId });
export const ZPacketParams = z.strictObject({ auditId: ZId, packetId: ZId });
