import { z } from "zod";
import { EVIDENCE_KINDS, FREQUENCIES } from "@/lib/schemas/control-values";
import { ZControlKey, ZFrameworkKey, ZRequirementRef } from "@/lib/schemas/catalogue";
import { ZPageQuery } from "@/lib/pagination";

// The values and labels live in a zod-free module, so that client components can show them without
// bringing zod into their page's first-load script.
export { EVIDENCE_KINDS, EVIDENCE_KIND_LABELS, FREQUENCIES, FREQUENCY_LABELS } from "@/lib/schemas/control-values";

export const ZFrequency = z.enum(FREQUENCIES, { message: `must be one of ${FREQUENCIES.join(", ")}` });
export const ZEvidenceKind = z.enum(EVIDENCE_KINDS, { message: `must be one of ${EVIDENCE_KINDS.join(", ")}` });

export const ZExpectation = z.strictObject({
  kind: ZEvidenceKind,
  freshnessDays: z.number().int("use whole days").min(1, "at least 1 day").max(3650, "at most 3,650 days"),
});
export type TExpectation = z.infer<typeof ZExpectation>;

const ZExpectations = z
  .array(ZExpectation)
  .max(EVIDENCE_KINDS.length)
  .refine((list) => new Set(list.map((e) => e.kind)).size === list.length, "list each evidence kind once");

export const ZMappingRef = z.strictObject({ framework: ZFrameworkKey, refId: ZRequirementRef });
export type TMappingRef = z.infer<typeof ZMappingRef>;

const title = z
  .string()
  .trim()
  .min(3, "Give the control a title of at least 3 characters")
  .max(200, "Keep the title under 200 characters");
const description = z
  .string()
  .trim()
  .min(10, "Describe what the team does, in at least 10 characters")
  .max(5000, "Keep the description under 5,000 characters");
const ownerId = z.string().trim().min(1).max(64).nullable();

export const ZControlCreate = z.strictObject({
  key: ZControlKey,
  title,
  description,
  frequency: ZFrequency,
  ownerId: ownerId.optional(),
  expectations: ZExpectations.default([]),
  mappings: z.array(ZMappingRef).max(500).default([]),
});
export type TControlCreate = z.input<typeof ZControlCreate>;

export const ZControlUpdate = z
  .strictObject({
    title: title.optional(),
    description: description.optional(),
    frequency: ZFrequency.optional(),
    ownerId: ownerId.optional(),
    expectations: ZExpectations.optional(),
    archived: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Send at least one field to change");
export type TControlUpdate = z.infer<typeof ZControlUpdate>;

export const ZControlMappingsPatch = z
  .strictObject({
    add: z.array(ZMappingRef).max(500).default([]),
    remove: z.array(ZMappingRef).max(500).default([]),
  })
  .refine((v) => v.add.length + v.remove.length > 0, "Add or remove at least one mapping");
export type TControlMappingsPatch = z.input<typeof ZControlMappingsPatch>;

export const ZApplicability = z
  .strictObject({
    notApplicable: z.boolean(),
    justification: z.string().trim().max(2000, "Keep the justification under 2,000 characters").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.notApplicable && (v.justification ?? "").length < 10) {
      ctx.addIssue({
        code: "custom",
        path: ["justification"],
        message: "Explain why the control does not apply to this project (at least 10 characters)",
      });
    }
  });
export type TApplicability = z.infer<typeof ZApplicability>;

export const CONTROL_SORTS = ["key", "title", "frequency", "owner", "updated"] as const;

export const ZControlListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  framework: ZFrameworkKey.optional(),
  family: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9]{1,7}$/, "a family prefix such as BCK")
    .optional(),
  owner: z.string().trim().min(1).max(64).optional(), // a user id, or "none"
  frequency: ZFrequency.optional(),
  project: z.string().trim().min(1).max(48).optional(), // a project slug: adds its applicability, limits to its frameworks
  applicability: z.enum(["applicable", "not-applicable"]).optional(),
  archived: z.enum(["exclude", "include", "only"]).default("exclude"),
  sort: z.enum(CONTROL_SORTS).default("key"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  ...ZPageQuery,
});
export type TControlListQuery = z.infer<typeof ZControlListQuery>;

// The starter control library file (prisma/catalogues/starter-controls.json).
export const STARTER_FORMAT = "proofline.controls/v1";
export const ZStarterControl = z.strictObject({
  key: ZControlKey,
  title,
  description,
  frequency: ZFrequency,
  expects: ZExpectations,
  mappings: z.record(ZFrameworkKey, z.array(ZRequirementRef).min(1)),
});
export type TStarterControl = z.infer<typeof ZStarterControl>;
/** A mapping an earlier library version shipped and a later one withdrew, with the reason. */
export const ZWithdrawnMapping = z.strictObject({
  control: ZControlKey,
  framework: ZFrameworkKey,
  refId: ZRequirementRef,
  reason: z.string().trim().min(10).max(500),
});
export const ZStarterLibraryFile = z.strictObject({
  format: z.literal(STARTER_FORMAT),
  version: z.string().trim().min(1).max(120),
  families: z.record(z.string().regex(/^[A-Z][A-Z0-9]{1,7}$/), z.string().trim().min(1).max(80)),
  controls: z.array(ZStarterControl).min(1),
  /** Removed from starter controls nobody has edited, when the loader finds them (docs/catalogues.md). */
  withdrawn: z.array(ZWithdrawnMapping).max(1000).default([]),
});
export type TStarterLibraryFile = z.infer<typeof ZStarterLibraryFile>;
