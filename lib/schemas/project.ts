import { z } from "zod";
import { SLUG_PATTERN } from "@/lib/schemas/slug";

// Zod-free (the create-project form imports them in the browser).
export { SLUG_PATTERN, slugify } from "@/lib/schemas/slug";

export const ZProjectSlug = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters")
  .max(48, "Use at most 48 characters")
  .regex(SLUG_PATTERN, "Use lower-case letters, digits and single hyphens");

export const ZProjectCreate = z.strictObject({
  name: z
    .string()
    .trim()
    .min(2, "Give the project a name of at least 2 characters")
    .max(80, "Keep the name under 80 characters"),
  slug: ZProjectSlug.optional(),
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters").default(""),
});
export type TProjectCreate = z.infer<typeof ZProjectCreate>;

export const ZProjectUpdate = z
  .strictObject({
    name: ZProjectCreate.shape.name.optional(),
    description: ZProjectCreate.shape.description.optional(),
    archived: z.boolean().optional(),
    /** Years study records and their audit trail are kept after the study ends (default 3, the IRB minimum). */
    retentionYears: z
      .number()
      .int("use whole years")
      .min(3, "at least 3 years, the minimum for IRB records")
      .max(50, "at most 50 years")
      .optional(),
  })
  .refine(
    (v) => Object.values(v).some((x) => x !== undefined),
    "Send at least one of name, description, archived, retentionYears",
  );
export type TProjectUpdate = z.infer<typeof ZProjectUpdate>;
