import type { Role } from "@/generated/prisma/enums";

// Demo data only: printed by `npm start` and listed in the README. Never use these in production.
export const DEMO_PASSWORD = "proofline-demo";

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: "admin@proofline.test", name: "Ada Admin", role: "ADMIN" },
  { email: "lead@proofline.test", name: "Lena Lead", role: "COMPLIANCE_LEAD" },
  { email: "engineer@proofline.test", name: "Eli Engineer", role: "ENGINEER" },
  { email: "auditor@proofline.test", name: "Aud Auditor", role: "AUDITOR" },
];
