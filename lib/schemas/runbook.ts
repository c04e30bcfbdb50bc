import { z } from "zod";

export const ZExerciseOutcome = z.enum(["PASS", "PARTIAL", "FAIL"]);

export const ZRunbookStep = z.strictObject({
  text: z.string().trim().min(1, "A step needs words").max(2000, "Keep a step under 2,000 characters"),
  detail: z.string().trim().max(20_000).optional(),
  group: z.string().trim().max(200).optional(),
});

const seconds = (what: string) =>
  z
    .number()
    .int(`Whole seconds for the ${what}`)
    .min(0)
    .max(366 * 86_400, `The ${what} cannot exceed a year`);

export const ZRunbookCreate = z.strictObject({
  title: z
    .string()
    .trim()
    .min(3, "Give the runbook a title of at least 3 characters")
    .max(200, "Keep the title under 200 characters"),
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens")
    .max(60)
    .optional(),
  steps: z.array(ZRunbookStep).min(1, "Write at least one step").max(200),
  ownerId: z.string().max(40).nullable().optional(),
  cadenceDays: z.number().int().min(1, "A cadence of at least one day").max(3650).nullable().optional(),
  rtoTargetSeconds: seconds("recovery time objective").nullable().optional(),
  rpoTargetSeconds: seconds("recovery point objective").nullable().optional(),
});
export type TRunbookCreate = z.input<typeof ZRunbookCreate>;

export const ZRunbookUpdate = z
  .strictObject({
    title: ZRunbookCreate.shape.title.optional(),
    key: ZRunbookCreate.shape.key,
    steps: ZRunbookCreate.shape.steps.optional(),
    note: z.string().trim().max(500).optional(),
    ownerId: ZRunbookCreate.shape.ownerId,
    cadenceDays: ZRunbookCreate.shape.cadenceDays,
    rtoTargetSeconds: ZRunbookCreate.shape.rtoTargetSeconds,
    rpoTargetSeconds: ZRunbookCreate.shape.rpoTargetSeconds,
    archived: z.boolean().optional(),
  })
  .refine(
    (v) => Object.entries(v).some(([k, x]) => k !== "note" && x !== undefined),
    "Send at least one field to change",
  );
export type TRunbookUpdate = z.input<typeof ZRunbookUpdate>;

export const ZExerciseCreate = z.strictObject({
  performedAt: z.iso.datetime({ offset: true, message: "Give the date and time it was performed" }),
  outcome: ZExerciseOutcome,
  measuredRtoSeconds: seconds("measured recovery time").nullable().optional(),
  measuredRpoSeconds: seconds("measured data loss window").nullable().optional(),
  notes: z.string().trim().max(10_000, "Keep the notes under 10,000 characters").default(""),
});
export type TExerciseCreate = z.input<typeof ZExerciseCreate>;

export const ZRunbookListQuery = z.strictObject({ archived: z.enum(["include", "only"]).optional() });
