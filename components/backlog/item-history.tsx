import { formatDateTime } from "@/lib/format";
import type { BacklogItemDto } from "@/lib/dto/backlog";

const WORDS: Record<string, string> = {
  "backlog-item.create": "created it",
  "backlog-item.update": "changed it",
  "backlog-item.close": "closed it",
  "backlog-item.reopen": "reopened it",
  "backlog-item.restore": "saw it back in its document",
  "backlog-item.mark-removed": "found it gone from its document",
  "backlog-item.criterion-tick": "ticked a criterion",
  "backlog-item.criterion-untick": "unticked a criterion",
  "backlog-item.link-control": "linked a control",
  "backlog-item.unlink-control": "unlinked a control",
  "backlog-item.link-pull-request": "linked a pull request",
  "backlog-item.unlink-pull-request": "unlinked a pull request",
};

function detail(summary: unknown): string {
  const s = (summary ?? {}) as Record<string, unknown>;
  if (typeof s.criterion === "string") return `“${s.criterion}”`;
  if (typeof s.control === "string") return s.control;
  if (typeof s.pullRequest === "string") return s.pullRequest;
  if (s.via === "import") return `from ${String(s.document)}`;
  const after = s.after as Record<string, unknown> | undefined;
  return after ? Object.keys(after).join(", ") : "";
}

/** The item's own trail, newest first (the full trail is on the activity page). */
export function ItemHistory({ history }: { history: BacklogItemDto["history"] }) {
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {history.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ol className="stack" style={{ paddingLeft: "1.2rem", gap: "0.3rem" }} data-testid="item-history">
          {history.map((h) => (
            <li key={h.id} className="small">
              <span className="muted">{formatDateTime(h.occurredAt)}</span> — {h.actorLabel}{" "}
              {WORDS[h.action] ?? h.action} <span className="muted">{detail(h.summary)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
