import { Badge, type Tone } from "@/components/ui/badge";
import { PRIORITY_LABELS, STATUS_LABELS } from "@/lib/backlog/priority";

const PRIORITY_TONES: Record<string, Tone> = {
  BLOCKER: "bad",
  CRITICAL: "bad",
  HIGH: "warn",
  MEDIUM: "info",
  LOW: "muted",
};
const STATUS_TONES: Record<string, Tone> = { OPEN: "muted", IN_PROGRESS: "info", DONE: "ok" };

/** Priority as words (the colour only repeats them). */
export function PriorityBadge({ priority, raw }: { priority: string | null; raw?: string | null }) {
  if (!priority) return <span className="muted small">No priority</span>;
  return (
    <Badge tone={PRIORITY_TONES[priority]} title={raw ? `Written as: ${raw}` : undefined}>
      {PRIORITY_LABELS[priority as keyof typeof PRIORITY_LABELS]}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status as keyof typeof STATUS_LABELS] ?? status}</Badge>;
}
