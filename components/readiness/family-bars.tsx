import type { FamilyResult } from "@/lib/readiness/types";
import { percent } from "@/components/readiness/score-text";
import styles from "@/components/readiness/readiness.module.css";
import { Meter } from "@/components/ui/meter";

/** One bar per family, with its figures in text beside it (the bar only illustrates them). */
export function FamilyBars({
  families,
  hrefOf,
}: {
  families: Array<Omit<FamilyResult, "id">>;
  hrefOf?: (refId: string) => string;
}) {
  if (!families.length) return <p className="muted">No families: this framework has no requirements to score yet.</p>;
  return (
    <div className={styles.bars} data-testid="family-bars">
      {families.map((f) => (
        <div key={f.refId || "none"} style={{ display: "contents" }}>
          <span className={styles.barLabel} title={f.title}>
            {hrefOf && f.refId ? <a href={hrefOf(f.refId)}>{f.refId}</a> : f.refId} {f.title}
          </span>
          <Meter width={`${f.score === null ? 0 : Math.round(f.score * 100)}%`} />
          <span className={styles.barValue}>
            {percent(f.score)} · {f.met} of {f.applicable} met
          </span>
        </div>
      ))}
    </div>
  );
}
