"use client";
import Link from "next/link";
import { useState } from "react";
import { formatDate } from "@/lib/format";
import { ErrorMessage } from "@/components/ui/error-message";
import { Badge } from "@/components/ui/badge";
import { Markdown } from "@/components/ui/markdown";
import { PriorityBadge, StatusBadge } from "@/components/backlog/item-badges";
import { CriteriaList } from "@/components/backlog/criteria-list";
import { ItemControls } from "@/components/backlog/item-controls";
import { ItemPullRequests } from "@/components/backlog/item-pull-requests";
import { ItemHistory } from "@/components/backlog/item-history";
import { ItemForm, valuesOf } from "@/components/backlog/item-form";
import { useBacklogItem, useUpdateItem } from "@/components/backlog/use-backlog-item";
import type { BacklogItemDto } from "@/lib/dto/backlog";
import styles from "@/components/backlog/backlog.module.css";

export function sourceHref(item: BacklogItemDto): string | null {
  if (!item.document) return null;
  const version = item.documentVersion ? `?version=${item.documentVersion.id}` : "";
  return `/projects/${item.project.slug}/import/documents/${item.document.id}${version}${item.sourceLine ? `#L${item.sourceLine}` : ""}`;
}

/** An item's page: what it asks for, how to check it, where it came from, and what it links to. */
export function BacklogItemPage({ initial, canWrite }: { initial: BacklogItemDto; canWrite: boolean }) {
  const query = useBacklogItem(initial.project.slug, initial.id, initial);
  const update = useUpdateItem(initial.project.slug, initial.id);
  const [editing, setEditing] = useState(false);
  const item = query.data ?? initial;
  const source = sourceHref(item);

  return (
    <div className="stack" data-testid="backlog-item">
      <h2 data-testid="item-title">{item.title}</h2>
      <section className="card">
        <div className="row" style={{ justifyContent: "space-between" }}>
          <div className="row">
            {item.key ? <span className="mono">{item.key}</span> : null}
            <PriorityBadge priority={item.priority} raw={item.priorityRaw} />
            <StatusBadge status={item.status} />
            {item.block ? <Badge>{item.block}</Badge> : null}
            <span className="muted small">Owner: {item.owner?.name ?? "nobody"}</span>
          </div>
          {canWrite && !editing ? (
            <button className="btn" type="button" onClick={() => setEditing(true)}>
              Edit
            </button>
          ) : null}
        </div>
        {editing ? (
          <ItemForm
            initial={valuesOf(item)}
            submitLabel="Save changes"
            pending={update.isPending}
            error={update.error}
            onCancel={() => setEditing(false)}
            onSubmit={(v) => update.mutate(v, { onSuccess: () => setEditing(false) })}
          />
        ) : item.body ? (
          <Markdown text={item.body} className="small" testId="item-body" />
        ) : (
          <p className="muted small" style={{ marginTop: "0.75rem" }}>
            No description.
          </p>
        )}
        <ErrorMessage error={query.error} />
      </section>

      <section className="card" aria-labelledby="source-title">
        <h2 id="source-title">Source</h2>
        {source ? (
          <>
            <p>
              From <Link href={source}>{item.document!.title}</Link>
              {item.sourceLine ? `, line ${item.sourceLine}` : ""}
              {item.sectionPath.length ? (
                <>
                  , under <span className="small">{item.sectionPath.join(" › ")}</span>
                </>
              ) : null}
              .
            </p>
            {item.removedFromSourceAt ? (
              <p className={`alert alert-warn ${styles.removed}`}>
                The last import, on {formatDate(item.removedFromSourceAt)}, no longer found this item in the document.
                It stays here until someone closes it.
              </p>
            ) : null}
            {item.editedSinceImport ? (
              <p className="muted small">
                Edited in Proofline since it was imported: a re-import that changes it will show a conflict instead of
                overwriting the edit.
              </p>
            ) : null}
          </>
        ) : (
          <p className="muted">Added by hand in Proofline, not imported from a document.</p>
        )}
      </section>

      <CriteriaList item={item} canWrite={canWrite} />

      <div className="grid grid-2">
        <section className="card" aria-labelledby="files-title">
          <h2 id="files-title">Affected files</h2>
          {item.affectedFiles.length ? (
            <ul className="small">
              {item.affectedFiles.map((f) => (
                <li key={f} className={styles.mono}>
                  {f}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">None listed.</p>
          )}
        </section>
        <section className="card" aria-labelledby="commands-title">
          <h2 id="commands-title">Verification commands</h2>
          {item.verificationCommands.length ? (
            <pre data-testid="item-commands">{item.verificationCommands.join("\n")}</pre>
          ) : (
            <p className="muted">None listed. Commands show how to check that the work is done.</p>
          )}
        </section>
      </div>

      <ItemControls item={item} canWrite={canWrite} />
      <ItemPullRequests item={item} canWrite={canWrite} />
      <ItemHistory history={item.history} />
    </div>
  );
}
