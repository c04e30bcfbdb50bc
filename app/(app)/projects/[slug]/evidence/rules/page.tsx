import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { listRules } from "@/lib/evidence/list-rules";
import { listControlOptions } from "@/lib/controls/list-control-options";
import { FORMATS, type FormatId } from "@/lib/ingest/formats";
import { RulesList } from "@/components/evidence/rules-list";
import { RuleForm } from "@/components/evidence/rule-form";
import { AuditLogMappingForm } from "@/components/evidence/audit-log-mapping-form";
import type { RuleItem } from "@/components/evidence/use-rules";

export default async function EvidenceRulesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requirePermission("evidence:read");
  const [rules, controls] = await Promise.all([listRules({ ctx, projectSlug: slug }), listControlOptions({ ctx })]);
  const canManage = can(ctx.actor, "evidence-rule:manage");
  const initial = JSON.parse(JSON.stringify(rules)) as {
    items: RuleItem[];
    auditLogMapping: Record<string, string> | null;
  };
  return (
    <div className="stack">
      <p className="small">
        <Link href={`/projects/${slug}/evidence`}>← All evidence</Link>
      </p>
      <h2>Filing rules</h2>
      <RulesList slug={slug} initial={initial} canManage={canManage} />
      {canManage ? (
        <div className="grid grid-2">
          <RuleForm
            slug={slug}
            controls={controls}
            formats={(Object.keys(FORMATS) as FormatId[]).map((id) => ({ id, label: FORMATS[id].label }))}
          />
          <AuditLogMappingForm slug={slug} initial={initial.auditLogMapping} />
        </div>
      ) : null}
    </div>
  );
}
