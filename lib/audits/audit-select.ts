import type { Prisma } from "@/generated/prisma/client";

/** An audit's name, status and window, as every list and page of audits shows them. */
export const AUDIT_HEADING_SELECT = {
  id: true,
  name: true,
  status: true,
  windowStart: true,
  windowEnd: true,
  createdAt: true,
} satisfies Prisma.AuditSelect;

/** An audit as its page and its packet show it: also its framework and lead (each reader adds its projects). */
export const AUDIT_DETAIL_SELECT = {
  ...AUDIT_HEADING_SELECT,
  updatedAt: true,
  framework: { select: { id: true, key: true, name: true, version: true } },
  lead: { select: { id: true, name: true, email: true } },
} satisfies Prisma.AuditSelect;
