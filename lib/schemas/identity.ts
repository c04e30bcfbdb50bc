import { z } from "zod";
import { PASSWORD_RULES } from "@/lib/auth/password";

// Schemas of issue 16's entry points: auditor invitations, one-time links, SCIM tokens, the access review.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const ZAuditorInvite = z.strictObject({
  auditId: z.string().trim().min(1, "Choose the audit").max(64),
  email: z.email("Enter a valid email address").trim().toLowerCase().max(320),
  name: z.string().trim().min(1, "Enter the auditor's name").max(120),
  // A Date passes as it is, so that a body parsed once (by the route wrapper) validates again in lib.
  expiresAt: z.union([
    z.date(),
    z
      .string()
      .trim()
      .regex(DAY, "Enter the day access ends (YYYY-MM-DD)")
      .transform((d) => new Date(`${d}T23:59:59.999Z`)),
  ]),
});
export type TAuditorInvite = z.input<typeof ZAuditorInvite>;

export const ZSetPassword = z.strictObject({
  token: z.string().trim().min(20, "This link is incomplete").max(200),
  password: z
    .string()
    .min(PASSWORD_RULES.minLength, `Use at least ${PASSWORD_RULES.minLength} characters`)
    .max(PASSWORD_RULES.maxLength, `Use at most ${PASSWORD_RULES.maxLength} characters`),
});
export type TSetPassword = z.infer<typeof ZSetPassword>;

export const ZScimTokenCreate = z.strictObject({
  name: z.string().trim().min(1, "Name the token (e.g. the identity provider it is for)").max(80),
});
export type TScimTokenCreate = z.infer<typeof ZScimTokenCreate>;

export const ZAccessReviewQuery = z.strictObject({
  asOf: z
    .string()
    .trim()
    .regex(DAY, "Enter the review date as YYYY-MM-DD")
    .refine((d) => !Number.isNaN(new Date(`${d}T00:00:00Z`).getTime()), "Enter a real date")
    .optional(),
});
