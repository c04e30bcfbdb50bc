"use client";
import Link from "next/link";
import { formatDate } from "@/lib/format";
import { useOpenBlockers } from "@/components/dashboard/use-open-blockers";
import { FeedItem, ItemFeed } from "@/components/dashboard/item-feed";

/** Blocker items not done yet (optionally only the signed-in user's), oldest first. */
export function OpenBlockersList({ mine }: { mine: boolean }) {
  const q = useOpenBlockers(mine);
  return (
    <ItemFeed
      query={q}
      loading="Loading blockers…"
      testId={mine ? "my-blockers" : "open-blockers"}
      empty={
        <p className="muted" data-testid={mine ? "my-blockers-empty" : "blockers-empty"}>
          {mine
            ? "No blocker is assigned to you. Blocker items you own will be listed here first."
            : "No blocker is open in any project. Items of priority Blocker fail the controls they are linked to until they are done."}
        </p>
      }
    >
      {(r) => (
        <FeedItem key={r.id}>
          <Link href={r.href}>
            {r.key ? <span className="mono">{r.key} </span> : null}
            {r.title}
          </Link>
          <div className="small muted">
            {r.project.name}
            {r.block ? ` · ${r.block}` : ""} · open since {formatDate(r.openedAt)}
            {r.owner ? ` · ${r.owner}` : " · no owner"}
            {r.controls.length ? " · fails " : ""}
            {r.controls.map((c, i) => (
              <span key={c.key}>
                {i > 0 ? ", " : ""}
                <Link href={c.href}>{c.key}</Link>
              </span>
            ))}
          </div>
        </FeedItem>
      )}
    </ItemFeed>
  );
}
