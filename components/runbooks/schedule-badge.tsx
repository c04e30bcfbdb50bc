import { formatDate, countOf } from "@/lib/format";
import { Badge } from "@/components/ui/badge";

interface ScheduleLike {
  state: "unscheduled" | "ok" | "due-soon" | "overdue";
  dueAt: Date | string | null;
  daysLeft: number | null;
}

/** The exercise schedule in words; the colour only repeats them. */
export function ScheduleBadge({ schedule }: { schedule: ScheduleLike }) {
  switch (schedule.state) {
    case "overdue":
      return (
        <Badge tone="bad" title={`Was due ${formatDate(schedule.dueAt)}`}>
          {`Exercise overdue by ${countOf(Math.max(1, -(schedule.daysLeft ?? 0)), "day")}`}
        </Badge>
      );
    case "due-soon":
      return <Badge tone="warn">{`Exercise due ${formatDate(schedule.dueAt)}`}</Badge>;
    case "ok":
      return <Badge tone="ok">{`Next exercise ${formatDate(schedule.dueAt)}`}</Badge>;
    default:
      return <Badge>No schedule</Badge>;
  }
}
