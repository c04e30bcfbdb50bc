import Link from "next/link";
import { describeReason } from "@/lib/readiness/describe-reason";
import { links, reasonHref } from "@/lib/readiness/links";
import type { ControlResult, FrameworkResult } from "@/lib/readiness/types";
import { StateLabel } from "@/components/readiness/state-label";
import styles from "@/components/readiness/readiness.module.css";

const ROW_CLASS = {
  met: styles.rowMet,
  unmet: styles.rowUnmet,
  not_applicable: styles.rowNa,
  group: styles.rowGroup,
} as const;

/** The framework's requirements as a tree, each with its status in words; unmet ones open to their reasons. */
export function RequirementTree({
  slug,
  framework,
  controls,
  at,
}: {
  slug: string;
  framework: FrameworkResult;
  controls: ControlResult[];
  at: Date;
}) {
  const byId = new Map(controls.map((c) => [c.id, c]));
  return (
    <ul className={styles.tree} data-testid="requirement-tree">
      {framework.requirements.map((r) => {
        const blocking = r.blockingControlIds.map((id) => byId.get(id)!).filter(Boolean);
        const deciding = r.controlIds.map((id) => byId.get(id)!).filter(Boolean);
        const from = new Map(r.inherited.map((x) => [x.controlId, x.fromRefId]));
        return (
          <li
            key={r.id}
            id={`req-${r.refId}`}
            className={`${styles.treeRow} ${ROW_CLASS[r.status]}`}
            data-testid="req-row"
            data-status={r.status}
            data-ref={r.refId}
          >
            <div style={{ paddingLeft: `${r.depth * 1.1}rem` }}>
              <span className={styles.refId}>{r.refId}</span>
              {r.title}
              {r.status === "unmet" ? (
                <details className={styles.why}>
                  <summary data-testid="req-why">Why it is not met</summary>
                  {r.note ? <p className={styles.note}>{r.note}</p> : null}
                  <ul className={styles.reasons}>
                    {blocking.map((c) => (
                      <li key={c.id}>
                        <Link href={links.control(c.key)}>{c.key}</Link> <StateLabel state={c.state} /> {c.title}
                        {from.has(c.id) ? ` (mapped to ${from.get(c.id)}, above it)` : ""}
                        <ul className={styles.reasons}>
                          {c.reasons.map((reason, i) => (
                            <li key={i}>
                              <Link
                                href={reasonHref(slug, reason, c.key)}
                                data-testid="reason-link"
                                data-reason={reason.type}
                              >
                                {describeReason(reason, at)}
                              </Link>
                            </li>
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : r.status === "not_applicable" && r.note ? (
                <p className={styles.note}>{r.note}</p>
              ) : r.status === "met" && deciding.length ? (
                <p className={styles.note}>
                  Decided by{" "}
                  {deciding.map((c, i) => (
                    <span key={c.id}>
                      {i ? ", " : ""}
                      <Link href={links.control(c.key)}>{c.key}</Link>
                      {from.has(c.id) ? ` (mapped to ${from.get(c.id)})` : ""}
                    </span>
                  ))}
                </p>
              ) : r.retired && r.note ? (
                <p className={styles.note}>{r.note}</p>
              ) : null}
            </div>
            <div>
              {r.status === "group" ? (
                <span className="small muted">
                  {r.met} of {r.applicable} met
                </span>
              ) : (
                <StateLabel state={r.status} />
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
