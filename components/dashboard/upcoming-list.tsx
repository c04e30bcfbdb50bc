"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/lib/format";
import { useUpcoming } from "@/components/dashboard/use-upcoming";
import { FeedItem, ItemFeed } from "@/components/dashboard/item-feed";

const EMPTY = {
  evidence:
    "No evidence expires in the next 30 days. Evidence shows up here a month before its freshness runs out, so it can be refreshed in time.",
  exercise:
    "No runbook exercise falls due in the next 30 days. Runbooks with a cadence show up here a month before their next drill.",
};

export function UpcomingList({
  type,
  project,
  showProject = true,
}: {
  type: "evidence" | "exercise";
  project?: string;
  showProject?: boolean;
}) {
  const q = useUpcoming(type, 30, project);
  return (
    <ItemFeed
      query={q}
      loading="Looking 30 days ahead…"
      testId={`upcoming-${type}`}
      empty={<p className="muted">{EMPTY[type]}</p>}
      intro={
        <p className="small muted">
          {q.data?.pages[0].total} in the next 30 days{type === "exercise" ? " (overdue first)" : ""}.
        </p>
      }
    >
      {(r) => (
        <FeedItem key={r.key}>
          <span className="small" style={{ display: "inline-block", minWidth: "6.5rem" }}>
            {r.overdue ? <Badge tone="bad">Overdue since {formatDate(r.at)}</Badge> : formatDate(r.at)}
          </span>{" "}
          <Link href={r.href}>{r.title}</Link>
          <div className="small muted">
            {showProject ? <>{r.project.name} · </> : null}
            {type === "evidence" ? "expires; " : ""}
            {r.detail}
          </div>
        </FeedItem>
      )}
    </ItemFeed>
  );
}
