"use client";
import { useState } from "react";
import { ErrorMessage } from "@/components/ui/error-message";
import { useToggleCriterion } from "@/components/backlog/use-backlog-item";
import type { BacklogItemDto } from "@/lib/dto/backlog";
import styles from "@/components/backlog/backlog.module.css";

/** Acceptance criteria with a checkbox each; ticking is recorded in the activity trail. */
export function CriteriaList({ item, canWrite }: { item: BacklogItemDto; canWrite: boolean }) {
  const toggle = useToggleCriterion(item.project.slug, item.id);
  // The box follows the click at once; the server's answer (or a refusal) settles it.
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const isDone = (c: { id: string; done: boolean }) => ticked[c.id] ?? c.done;
  const done = item.criteria.filter(isDone).length;
  const settle = (criterionId: string) => setTicked(({ [criterionId]: _gone, ...rest }) => rest);
  return (
    <section className="card" aria-labelledby="criteria-title">
      <h2 id="criteria-title">
        Acceptance criteria{" "}
        <span className="muted small">{item.criteria.length ? `${done} of ${item.criteria.length} met` : ""}</span>
      </h2>
      {item.criteria.length === 0 ? (
        <p className="muted">No acceptance criteria yet.{canWrite ? " Add them with Edit." : ""}</p>
      ) : (
        <ul className={styles.criteria} data-testid="criteria">
          {item.criteria.map((c) => (
            <li key={c.id} style={{ paddingLeft: `${c.depth * 1.5}rem` }}>
              <input
                id={`crit-${c.id}`}
                type="checkbox"
                checked={isDone(c)}
                disabled={!canWrite}
                onChange={(e) => {
                  const next = e.target.checked;
                  setTicked((t) => ({ ...t, [c.id]: next }));
                  toggle.mutate({ criterionId: c.id, done: next }, { onSettled: () => settle(c.id) });
                }}
              />
              <label htmlFor={`crit-${c.id}`} className={isDone(c) ? styles.done : undefined}>
                {c.text}
                <span className="sr-only">{isDone(c) ? " (met)" : " (not met)"}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={toggle.error} />
    </section>
  );
}
