import styles from "@/components/import/source.module.css";

/** A stored document, line by line, each line an anchor (#L42) that item pages link to. */
export function SourceView({ lines, reflowed }: { lines: string[]; reflowed: boolean }) {
  return (
    <div className="stack">
      {reflowed ? (
        <p className="alert alert-info">
          This document arrived on a single line. It is shown reflowed at its titles, lists and code blocks, exactly as
          Proofline read it; the line numbers of its items refer to this view.
        </p>
      ) : null}
      <div className={styles.source} data-testid="source-view">
        {lines.map((l, n) => (
          <div key={n} id={`L${n + 1}`} className={styles.line}>
            <a href={`#L${n + 1}`} className={styles.num} aria-label={`Line ${n + 1}`}>
              {n + 1}
            </a>
            <span className={styles.text}>{l || " "}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
