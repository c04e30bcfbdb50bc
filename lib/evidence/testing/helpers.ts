import { createReadStream } from "node:fs";
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { bytesOf, type ByteSource } from "@/lib/ingest/bytes";
import type { TEvidencePushMeta } from "@/lib/schemas/evidence";
import { newTokenSecret } from "@/lib/tokens/token-secret";
import { ingestEvidence } from "@/lib/evidence/ingest-evidence";
import type { IngestLimits } from "@/lib/ingest/limits";

// Test helpers for the evidence area (integration tests and the bench): tokens, pushes, controls.

export async function makeToken(
  projectId: string,
  opts: { scopes?: string[]; expiresAt?: Date | null; revokedAt?: Date | null; name?: string } = {},
) {
  const { secret, prefix, hash } = newTokenSecret();
  const token = await prisma.apiToken.create({
    data: {
      projectId,
      name: opts.name ?? `ci-${prefix}`,
      prefix,
      tokenHash: hash,
      scopes: opts.scopes ?? ["evidence:write", "evidence:read"],
      expiresAt: opts.expiresAt ?? null,
      revokedAt: opts.revokedAt ?? null,
    },
  });
  const ctx: RequestCtx = {
    actor: { kind: "token", token: { id: token.id, name: token.name, projectId, scopes: token.scopes } },
    requestId: `req-${prefix}`,
  };
  return { token, secret, ctx };
}

export function push(
  ctx: RequestCtx,
  projectSlug: string,
  body: string | Buffer | ByteSource | { file: string },
  meta: TEvidencePushMeta = {},
  limits?: Partial<IngestLimits>,
) {
  const source: ByteSource =
    typeof body === "string" || Buffer.isBuffer(body)
      ? bytesOf(body)
      : "file" in (body as object)
        ? createReadStream((body as { file: string }).file)
        : (body as ByteSource);
  return ingestEvidence({ ctx, projectSlug, body: source, meta, now: new Date(), limits });
}

/** A control from the starter library (loaded as reference data), by key. */
export async function controlByKey(key: string) {
  return prisma.control.findUniqueOrThrow({ where: { key }, include: { expectations: true } });
}

export async function rowCounts(projectId: string) {
  const [evidence, filed, events, exercises, activity] = await Promise.all([
    prisma.evidence.count({ where: { projectId } }),
    prisma.evidenceControl.count({ where: { projectId } }),
    prisma.auditEvent.count({ where: { projectId } }),
    prisma.runbookExercise.count({ where: { runbook: { projectId } } }),
    prisma.activityEvent.count({ where: { projectId } }),
  ]);
  return { evidence, filed, events, exercises, activity };
}
