import { notFound } from "next/navigation";
import type { RequestCtx } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { getAudit } from "@/lib/audits/get-audit";

/**
 * The audit for a page under /audits/[auditId]: a 404 page when it does not exist for the viewer,
 * null when access was refused (the layout then shows the sentence saying why, e.g. the grant ended).
 */
export async function auditForPage(ctx: RequestCtx, auditId: string, now: Date) {
  try {
    return await getAudit({ ctx, auditId, now });
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    if (err instanceof ForbiddenError) return null;
    throw err;
  }
}

/** Runs a page's loader, turning "not found" into the 404 page and "refused" into null. */
export async function orRefused<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    if (err instanceof ForbiddenError) return null;
    throw err;
  }
}
