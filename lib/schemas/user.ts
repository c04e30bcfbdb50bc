import { z } from "zod";
import { PASSWORD_RULES } from "@/lib/auth/password";

export const ZRole = z.enum(["ADMIN", "COMPLIANCE_LEAD", "ENGINEER", "AUDITOR"]);

export const ZUserCreate = z.strictObject({
  email: z.email("Enter a valid email address").trim().toLowerCase().max(320),
  name: z.string().trim().min(1, "Enter the person's name").max(120),
  role: ZRole,
  password: z
    .string()
    .min(PASSWORD_RULES.minLength, `Use at least ${PASSWORD_RULES.minLength} characters`)
    .max(PASSWORD_RULES.maxLength, `Use at most ${PASSWORD_RULES.maxLength} characters`),
});
export type TUserCreate = z.infer<typeof ZUserCreate>;

export const ZUserUpdate = z
  .strictObject({
    name: ZUserCreate.shape.name.optional(),
    role: ZRole.optional(),
    active: z.boolean().optional(),
    password: ZUserCreate.shape.password.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Send at least one of name, role, active, password");
export type TUserUpdate = z.infer<typeof ZUserUpdate>;
