import { STATE_LABELS, STATUS_LABELS } from "@/lib/readiness/describe-reason";
import type { ControlState, RequirementStatus } from "@/lib/readiness/types";
import styles from "@/components/readiness/readiness.module.css";

// A symbol and a word for every state: the colour only repeats what they say.
const SYMBOLS: Record<ControlState | RequirementStatus, string> = {
  passing: "✓",
  met: "✓",
  failing: "✗",
  unmet: "✗",
  stale: "◷",
  not_applicable: "–",
  group: "",
};

export function StateLabel({ state }: { state: ControlState | RequirementStatus }) {
  const label = state in STATE_LABELS ? STATE_LABELS[state as ControlState] : STATUS_LABELS[state as RequirementStatus];
  return (
    <span className={`${styles.state} ${styles[state]}`} data-state={state}>
      {SYMBOLS[state] ? <span aria-hidden="true">{SYMBOLS[state]}</span> : null}
      {label}
    </span>
  );
}
