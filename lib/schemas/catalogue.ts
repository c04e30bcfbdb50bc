import { z } from "zod";

// The framework file format ("proofline.framework/v1"): the built-in catalogues in prisma/catalogues/
// and custom frameworks imported by leads share it, and export writes it back. docs/catalogues.md
// describes it for people; this schema is the one that is enforced.

export const FRAMEWORK_FORMAT = "proofline.framework/v1";
export const REQUIREMENT_LEVELS = ["category", "family", "requirement", "point"] as const;
export type RequirementLevel = (typeof REQUIREMENT_LEVELS)[number];
/** Grouping levels: never scored, never mapped. */
export const GROUPING_LEVELS: readonly RequirementLevel[] = ["category", "family"];

export const FRAMEWORK_KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const CONTROL_KEY_PATTERN = /^[A-Z][A-Z0-9]{1,7}-\d{2,4}$/;

export const ZFrameworkKey = z
  .string()
  .trim()
  .min(2, "use at least 2 characters")
  .max(40, "use at most 40 characters")
  .regex(FRAMEWORK_KEY_PATTERN, "use lower-case letters, digits and single hyphens");

export const ZRequirementRef = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(64, "use at most 64 characters")
  .regex(/^[^\s].*$/, "must not start with a space");

export const ZControlKey = z
  .string()
  .trim()
  .regex(CONTROL_KEY_PATTERN, 'use a family prefix, a hyphen and a number, e.g. "BCK-02"');

export const ZFrameworkRequirement = z.strictObject({
  id: ZRequirementRef,
  parent: ZRequirementRef.nullish(),
  level: z.enum(REQUIREMENT_LEVELS, { message: `must be one of ${REQUIREMENT_LEVELS.join(", ")}` }).optional(),
  title: z.string().trim().min(1, "must not be empty").max(300, "use at most 300 characters"),
  summary: z.string().trim().max(4000, "use at most 4,000 characters").optional(),
  evidence: z.string().trim().max(2000, "use at most 2,000 characters").optional(),
  assessable: z.boolean().optional(),
  notApplicableByDefault: z.string().trim().min(10, "give a reason of at least 10 characters").max(1000).optional(),
  controls: z.array(ZControlKey).max(500).optional(),
});
export type TFrameworkRequirement = z.infer<typeof ZFrameworkRequirement>;

export const ZFrameworkFile = z.strictObject({
  format: z.literal(FRAMEWORK_FORMAT, { message: `must be "${FRAMEWORK_FORMAT}"` }),
  key: ZFrameworkKey,
  name: z.string().trim().min(1, "must not be empty").max(120, "use at most 120 characters"),
  version: z.string().trim().min(1, "must not be empty").max(120, "use at most 120 characters"),
  description: z.string().trim().max(4000, "use at most 4,000 characters").optional(),
  requirements: z
    .array(ZFrameworkRequirement)
    .min(1, "list at least one requirement")
    .max(5000, "at most 5,000 requirements per framework"),
});
export type TFrameworkFile = z.infer<typeof ZFrameworkFile>;

/** Query of a framework page: search by id or words, or only the unmapped requirements. */
export const ZFrameworkQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  unmapped: z.enum(["1"]).optional(),
});
export type TFrameworkQuery = z.infer<typeof ZFrameworkQuery>;

export const ZProjectFrameworks = z.strictObject({
  frameworks: z.array(ZFrameworkKey).max(50),
});
export type TProjectFrameworks = z.infer<typeof ZProjectFrameworks>;
