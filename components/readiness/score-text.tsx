import styles from "@/components/readiness/readiness.module.css";

export function percent(score: number | null): string {
  return score === null ? "—" : `${Math.round(score * 100)}%`;
}

/** The score as a percentage with what it counts: "62%" and "31 of 50 requirements met". */
export function ScoreText({
  score,
  met,
  applicable,
  size = "large",
  testId,
}: {
  score: number | null;
  met: number;
  applicable: number;
  size?: "large" | "small";
  testId?: string;
}) {
  return (
    <span>
      <span
        className={`${size === "large" ? styles.score : styles.scoreSmall} ${score === null ? styles.scoreNone : ""}`}
        data-testid={testId}
      >
        {percent(score)}
      </span>{" "}
      <span className="muted small">
        {applicable ? `${met} of ${applicable} requirements met` : "nothing applicable to score yet"}
      </span>
    </span>
  );
}

/** "▲ 5 pts since last week", in words as well as an arrow. */
export function ChangeText({ change, since }: { change: number | null; since?: string | null }) {
  if (change === null) return <span className={`${styles.change} ${styles.flat}`}>no figure from last week yet</span>;
  const pts = Math.round(change * 100);
  const cls = pts > 0 ? styles.up : pts < 0 ? styles.down : styles.flat;
  const text = pts > 0 ? `▲ up ${pts} pts` : pts < 0 ? `▼ down ${-pts} pts` : "no change";
  return (
    <span className={`${styles.change} ${cls}`} title={since ? `compared with ${since}` : undefined}>
      {text} since last week
    </span>
  );
}
