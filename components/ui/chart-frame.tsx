import type { ReactNode } from "react";
import styles from "@/components/ui/chart-frame.module.css";

/**
 * A chart as one image for screen readers (its label says what it shows), with the same figures as a
 * table behind "Show as a table" for keyboards and screen readers.
 */
export function ChartFrame({
  testId,
  label,
  large,
  dataPoints,
  chart,
  children,
}: {
  testId: string;
  /** The chart's text alternative: what it shows, in a sentence or two. */
  label: string;
  large?: boolean;
  /** How many points the chart draws (read by tests). */
  dataPoints?: number;
  chart: ReactNode;
  /** Under "Show as a table": the table, and anything said before it. */
  children: ReactNode;
}) {
  return (
    <div data-testid={testId}>
      <div className={large ? styles.chartLarge : styles.chart} role="img" aria-label={label} data-points={dataPoints}>
        {chart}
      </div>
      <details className={styles.tableToggle}>
        <summary>Show as a table</summary>
        {children}
      </details>
    </div>
  );
}
