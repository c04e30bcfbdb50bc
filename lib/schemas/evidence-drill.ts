import { z } from "zod";

// The restore-drill JSON a shell script can emit (docs/evidence.md shows one). `type` lets Proofline
// recognise the body without ?format=drill.
const seconds = z
  .number()
  .int("Use whole seconds")
  .min(0, "Seconds cannot be negative")
  .max(10 * 365 * 86_400);
const instant = z.iso.datetime({
  offset: true,
  message: "Use an ISO 8601 time with a zone, e.g. 2026-03-02T09:41:10Z",
});

export const ZDrillReport = z
  .strictObject({
    type: z.literal("restore-drill").optional(),
    name: z.string().trim().min(1, "Name the drill").max(200),
    runbook: z.string().trim().min(1).max(200).optional(),
    startedAt: instant,
    finishedAt: instant,
    outcome: z.enum(["pass", "fail", "partial"]),
    rtoSeconds: seconds.nullable().optional(),
    rpoSeconds: seconds.nullable().optional(),
    targets: z
      .strictObject({ rtoSeconds: seconds.nullable().optional(), rpoSeconds: seconds.nullable().optional() })
      .optional(),
    log: z
      .string()
      .max(64 * 1024, "Keep the log excerpt under 64 KB")
      .optional(),
  })
  .refine((d) => Date.parse(d.finishedAt) >= Date.parse(d.startedAt), {
    message: "finishedAt is before startedAt",
    path: ["finishedAt"],
  });
export type TDrillReport = z.infer<typeof ZDrillReport>;
