import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import type { ByteSource } from "@/lib/ingest/bytes";
import type { FormatId } from "@/lib/ingest/formats";
import { formatBytes, type IngestLimits } from "@/lib/ingest/limits";
import { ingestLimits } from "@/lib/limits";
import { refuse } from "@/lib/core/http/refusal";
import { planParse, type ParsePlan } from "@/lib/ingest/parse-body";
import type { AuditFieldMapping } from "@/lib/ingest/audit-log";
import type { ParsedEvidence } from "@/lib/ingest/types";
import type { TEvidencePushMeta } from "@/lib/schemas/evidence";
import { hasBlob, spoolBody, type SpooledBody } from "@/lib/core/storage/blob-store";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { EVIDENCE_RESULT_SELECT, lockAndFindExisting, storeEvidence } from "@/lib/evidence/store-evidence";
import { toResult, type BaseEvidence, type IngestResult } from "@/lib/evidence/ingest-result";
import { judgeDrill, recordDrillExercise } from "@/lib/evidence/record-drill";
import { ingestAuditLog } from "@/lib/evidence/ingest-audit-log";

export interface IngestEvidenceOptions {
  ctx: RequestCtx;
  projectSlug: string;
  body: ByteSource;
  /** Content-Length, when the sender gave one: refused at once when over the limit. */
  declaredLength?: number | null;
  contentType?: string | null;
  meta: TEvidencePushMeta;
  now: Date;
  limits?: Partial<IngestLimits>;
}

/**
 * Ingests one pushed body: spools it to disk (hashing as it goes), answers with the existing evidence
 * when the project already has these bytes, finds or checks the format, parses, stores the original
 * by its sha256, and writes the evidence, its filing, any runbook exercise and the activity event in
 * one transaction. Anything refused leaves no rows behind.
 */
export async function ingestEvidence(opts: IngestEvidenceOptions): Promise<IngestResult> {
  const { ctx, meta, now } = opts;
  const limits = { ...ingestLimits(), ...opts.limits };
  const project = await resolveProject({
    ctx,
    slug: opts.projectSlug,
    permission: "evidence:write",
    write: "adding evidence",
  });
  if (opts.declaredLength != null && opts.declaredLength > limits.maxBodyBytes) {
    refuse(
      "body-too-large",
      `The body is ${formatBytes(opts.declaredLength)}; the limit is ${formatBytes(limits.maxBodyBytes)}.`,
    );
  }
  if (meta.outcome && meta.format !== "manual" && meta.format !== "vendor-report") {
    refuse(
      "invalid-content",
      "An outcome can only be stated for manual files (format=manual) and vendor reports (format=vendor-report); other formats are judged by their rule.",
    );
  }
  if (meta.format === "vendor-report") checkVendorReportPeriod(meta);
  const spooled = await spoolBody(opts.body, limits.maxBodyBytes);
  try {
    const existing = await prisma.evidence.findUnique({
      where: { projectId_dedupeKey: { projectId: project.id, dedupeKey: spooled.sha256 } },
      select: { id: true },
    });
    if (existing) {
      // Known bytes: nothing to parse. If the stored original went missing, these bytes restore it.
      if (!(await hasBlob(spooled.sha256))) await spooled.keep();
      return await existingResult(existing.id, meta.format);
    }
    const mapping = await prisma.auditLogMapping.findUnique({
      where: { projectId: project.id },
      select: { mapping: true },
    });
    const plan = await planParse({
      body: spooled,
      named: meta.format,
      limits,
      auditMapping: (mapping?.mapping as AuditFieldMapping | undefined) ?? null,
    });
    const base = baseEvidence(project.id, spooled, opts);
    if (plan.type === "audit-log") {
      // An audit log can still be refused while its events stream in: the original is kept only once they all are.
      return await ingestAuditLog({
        ctx,
        base,
        format: plan.format,
        events: plan.events,
        keep: () => spooled.keep(),
        detected: plan.detected,
        now,
        meta,
      });
    }
    await spooled.keep();
    const parsed =
      plan.type === "manual"
        ? meta.format === "vendor-report"
          ? vendorReportEvidence(meta, spooled)
          : manualEvidence(meta, spooled)
        : plan.parsed;
    return await storeParsed({ ctx, base, parsed, plan, meta });
  } finally {
    await spooled.discard();
  }
}

function baseEvidence(projectId: string, spooled: SpooledBody, opts: IngestEvidenceOptions): BaseEvidence {
  const m = opts.meta;
  return {
    projectId,
    dedupeKey: spooled.sha256,
    sha256: spooled.sha256,
    byteSize: spooled.size,
    contentType: opts.contentType?.slice(0, 200) ?? null,
    originalName: m.filename ?? null,
    sourceRepo: m.repo ?? null,
    sourceBranch: m.branch ?? null,
    sourceCommit: m.commit?.toLowerCase() ?? null,
    sourceWorkflow: m.workflow ?? null,
    sourceRunUrl: m.runUrl ?? null,
    collectedAt: opts.now,
    periodStart: m.periodStart ? new Date(m.periodStart) : null,
    periodEnd: m.periodEnd ? new Date(m.periodEnd) : null,
  };
}

/** A file kept as it is, not parsed: its title and outcome are what the person who added it said. */
function statedFile(
  meta: TEvidencePushMeta,
  spooled: SpooledBody,
  file: Pick<ParsedEvidence, "kind" | "format" | "outcomeReason"> & { untitled: string },
): ParsedEvidence {
  return {
    kind: file.kind,
    format: file.format,
    title: meta.title ?? meta.filename ?? file.untitled,
    outcome: meta.outcome ?? "PASS",
    outcomeReason: file.outcomeReason,
    subject: meta.filename,
    summary: { bytes: spooled.size, filename: meta.filename ?? null },
  };
}

function manualEvidence(meta: TEvidencePushMeta, spooled: SpooledBody): ParsedEvidence {
  return statedFile(meta, spooled, {
    kind: "MANUAL_FILE",
    format: "manual",
    untitled: "Uploaded file",
    outcomeReason: "Stated by the person who added the file.",
  });
}

/** A vendor report states the period it covers; without it, nobody can tell when it goes stale. */
function checkVendorReportPeriod(meta: TEvidencePushMeta): void {
  if (!meta.periodStart || !meta.periodEnd) {
    refuse(
      "invalid-content",
      "A vendor assurance report needs the period it covers: give periodStart and periodEnd (the report's period, or a certificate's validity).",
    );
  }
  if (new Date(meta.periodStart) > new Date(meta.periodEnd))
    refuse("invalid-content", "The report's period starts after it ends.");
}

/**
 * A subservice organisation's assurance report (a SOC 2 report or an ISO certificate), kept as a file.
 * It is effective at the end of the period it covers, so it goes stale `freshnessDays` after that, like
 * any evidence. Its outcome is the reviewer's: PASS for a clean report, WARN with exceptions.
 */
function vendorReportEvidence(meta: TEvidencePushMeta, spooled: SpooledBody): ParsedEvidence {
  const file = statedFile(meta, spooled, {
    kind: "VENDOR_REPORT",
    format: "vendor-report",
    untitled: "Vendor assurance report",
    outcomeReason: "Stated by the person who reviewed the report.",
  });
  return {
    ...file,
    summary: { ...file.summary, periodStart: meta.periodStart ?? null, periodEnd: meta.periodEnd ?? null },
    effectiveAt: meta.periodEnd ? new Date(meta.periodEnd) : undefined,
  };
}

async function storeParsed(opts: {
  ctx: RequestCtx;
  base: BaseEvidence;
  parsed: ParsedEvidence;
  plan: ParsePlan;
  meta: TEvidencePushMeta;
}): Promise<IngestResult> {
  const { ctx, base, parsed, meta } = opts;
  const detected = opts.plan.type === "evidence" && opts.plan.detected;
  return prisma.$transaction(
    async (tx) => {
      const found = await lockAndFindExisting(tx, base.projectId, base.dedupeKey);
      if (found) return toResult("existing", found, [], !meta.format);
      const judgement = parsed.drill ? await judgeDrill(tx, base.projectId, parsed.drill) : null;
      const judged = judgement ? judgement.outcome : parsed;
      const summary = {
        ...parsed.summary,
        outcomeReason: judged.outcomeReason,
        ...(judgement ? { targets: judgement.targets, runbook: judgement.runbook?.key ?? null } : {}),
      };
      const stored = await storeEvidence(
        tx,
        ctx,
        {
          ...base,
          kind: parsed.kind,
          format: parsed.format,
          title: meta.title ?? parsed.title,
          subject: parsed.subject ?? null,
          outcome: judged.outcome,
          summary,
          sourceRepo: base.sourceRepo ?? parsed.source?.repo ?? null,
          sourceBranch: base.sourceBranch ?? parsed.source?.branch ?? null,
          sourceCommit: base.sourceCommit ?? parsed.source?.commit ?? null,
          effectiveAt: meta.effectiveAt ? new Date(meta.effectiveAt) : (parsed.effectiveAt ?? base.collectedAt),
          periodStart: base.periodStart ?? parsed.periodStart ?? null,
          periodEnd: base.periodEnd ?? parsed.periodEnd ?? null,
        },
        { summary: { formatDetected: detected } },
      );
      const exerciseId =
        parsed.drill && judgement
          ? await recordDrillExercise(tx, {
              ctx,
              projectId: base.projectId,
              evidenceId: stored.row.id,
              drill: parsed.drill,
              judgement,
            })
          : undefined;
      return { ...toResult("created", stored.row, stored.controls, detected), ...(parsed.drill ? { exerciseId } : {}) };
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}

async function existingResult(id: string, named: FormatId | undefined): Promise<IngestResult> {
  const row = await prisma.evidence.findUniqueOrThrow({
    where: { id },
    select: { ...EVIDENCE_RESULT_SELECT, controls: { select: { control: { select: { key: true } } } } },
  });
  return toResult("existing", row, row.controls.map((c) => c.control.key).sort(), !named);
}
