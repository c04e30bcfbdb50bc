import { z } from "zod";
import { ZPageQuery } from "@/lib/pagination";

// Inputs of the readiness area: one schema each, shared by the route handlers, the pages and the CLI.

export const ZReadinessFrameworkKey = z
  .string()
  .trim()
  .min(2, "use at least 2 characters")
  .max(40, "use at most 40 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case letters, digits and hyphens (e.g. soc2)");

/** "As of": a date (YYYY-MM-DD, the end of that UTC day) or an ISO 8601 time with a zone. */
export const ZAsOf = z
  .string()
  .trim()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/,
    "use a date (YYYY-MM-DD) or an ISO 8601 time with a zone",
  );

export const ZReadinessQuery = z.strictObject({
  framework: ZReadinessFrameworkKey.optional(),
  at: ZAsOf.optional(),
});
export type TReadinessQuery = z.infer<typeof ZReadinessQuery>;

export const ZReadinessParams = z.strictObject({ slug: z.string().trim().min(1).max(100) });

export const ZHoldbacksQuery = z.strictObject({
  project: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(3),
});
export type THoldbacksQuery = z.infer<typeof ZHoldbacksQuery>;

const ZProjectFilter = z.string().trim().min(1).max(100).optional();

export const ZDashboardQuery = z.strictObject({ project: ZProjectFilter });
export type TDashboardQuery = z.infer<typeof ZDashboardQuery>;

export const ZUpcomingQuery = z.strictObject({
  ...ZPageQuery,
  type: z.enum(["evidence", "exercise"], { message: "use evidence or exercise" }),
  days: z.coerce.number().int().min(1).max(90).default(30),
  project: ZProjectFilter,
});
export type TUpcomingQuery = z.infer<typeof ZUpcomingQuery>;

export const ZOpenBlockersQuery = z.strictObject({
  ...ZPageQuery,
  mine: z.enum(["0", "1"]).optional(),
});
export type TOpenBlockersQuery = z.infer<typeof ZOpenBlockersQuery>;
