import Link from "next/link";
import type { RequirementNode } from "@/lib/catalogue/get-framework";
import { Badge } from "@/components/ui/badge";
import { MapControlForm } from "@/components/catalogue/map-control-form";
import { sourceOf } from "@/lib/catalogue/source";
import styles from "@/components/catalogue/catalogue.module.css";

/**
 * The requirement tree as a table, indented by depth. Scored requirements show the controls mapped
 * to them and those they inherit from a group above; unmapped ones stand out with a marked row and
 * an "Unmapped" label (never by colour alone). Groups show the controls mapped to them, which decide
 * every requirement beneath; a retired group is labelled as such.
 */
export function RequirementTree({
  framework,
  nodes,
  canMap,
  listId,
}: {
  framework: string;
  nodes: RequirementNode[];
  canMap: boolean;
  listId: string;
}) {
  return (
    <div className="table-wrap">
      <table className={styles.tree} data-testid="requirement-tree">
        <thead>
          <tr>
            <th scope="col">Requirement</th>
            <th scope="col">Controls that serve it</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => {
            const unmapped =
              n.scored && n.controls.length === 0 && n.inherited.length === 0 && !n.defaultNotApplicableReason;
            const rowClass = !n.scored ? styles.group : unmapped ? styles.unmapped : n.match ? styles.match : undefined;
            const source = sourceOf(framework, n.refId);
            return (
              <tr key={n.refId} id={`req-${n.refId}`} className={rowClass} data-testid={`requirement-${n.refId}`}>
                <td style={{ paddingLeft: `${0.8 + n.depth * 1.3}rem` }}>
                  <span className={styles.refId}>{n.refId}</span>{" "}
                  <span className={n.scored ? undefined : styles.title}>{n.title}</span>
                  {n.summary ? <p className={styles.summary}>{n.summary}</p> : null}
                  {n.evidenceHint ? <p className={styles.hint}>Typical evidence: {n.evidenceHint}</p> : null}
                  {source ? (
                    <p className={styles.hint} data-testid={`source-${n.refId}`}>
                      Source:{" "}
                      {source.url ? (
                        <a href={source.url} rel="noopener noreferrer">
                          {source.label}
                        </a>
                      ) : (
                        source.label
                      )}
                    </p>
                  ) : null}
                </td>
                <td style={{ minWidth: 260 }}>
                  {!n.scored ? (
                    <>
                      <span className="muted small">
                        {n.retired ? `Retired ${n.level}, kept for the requirements beneath it` : `Group (${n.level})`}
                      </span>
                      {n.controls.length ? (
                        <>
                          <Chips controls={n.controls} />
                          <p className={styles.hint}>
                            Mapped to the group: {n.controls.length === 1 ? "it decides" : "they decide"} every
                            requirement beneath it.
                          </p>
                        </>
                      ) : null}
                    </>
                  ) : (
                    <>
                      {n.controls.length ? <Chips controls={n.controls} /> : null}
                      {n.inherited.length ? (
                        <p className={styles.hint}>
                          From above:{" "}
                          {n.inherited.map((c, i) => (
                            <span key={c.key}>
                              {i ? ", " : ""}
                              <Link href={`/controls/${c.key}`} title={c.title}>
                                {c.key}
                              </Link>{" "}
                              (on {c.from})
                            </span>
                          ))}
                        </p>
                      ) : null}
                      {n.controls.length || n.inherited.length ? null : n.defaultNotApplicableReason ? (
                        <div>
                          <Badge tone="info">Not applicable by default</Badge>
                          <p className={styles.hint}>{n.defaultNotApplicableReason}</p>
                        </div>
                      ) : (
                        <Badge tone="bad">Unmapped</Badge>
                      )}
                      {canMap ? <MapControlForm framework={framework} refId={n.refId} listId={listId} /> : null}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Chips({ controls }: { controls: Array<{ key: string; title: string }> }) {
  return (
    <div className={styles.chips}>
      {controls.map((c) => (
        <Link key={c.key} href={`/controls/${c.key}`} className={styles.chip} title={c.title}>
          {c.key}
        </Link>
      ))}
    </div>
  );
}
