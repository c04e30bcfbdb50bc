import { z } from "zod";

const days = (label: string) =>
  z.number().int(`${label}: whole days`).min(1, `${label}: at least 1 day`).max(3650, `${label}: at most 3,650 days`);

/** Remediation deadlines: days from an alert's opening to fix or dismiss it, per severity. */
export const ZRemediationPolicy = z
  .strictObject({
    criticalDays: days("critical"),
    highDays: days("high"),
    mediumDays: days("medium"),
    lowDays: days("low"),
  })
  .refine((p) => p.criticalDays <= p.highDays && p.highDays <= p.mediumDays && p.mediumDays <= p.lowDays, {
    message: "A more severe alert cannot be given longer than a less severe one (critical ≤ high ≤ medium ≤ low).",
    path: ["criticalDays"],
  });
export type TRemediationPolicy = z.infer<typeof ZRemediationPolicy>;
