import { Badge } from "@/components/ui/badge";
import { OUTCOMES } from "@/components/evidence/labels";

export function OutcomeBadge({ outcome, title }: { outcome: string; title?: string }) {
  const o = OUTCOMES[outcome] ?? { label: outcome, tone: "muted" as const };
  return (
    <Badge tone={o.tone} title={title}>
      {o.label}
    </Badge>
  );
}
