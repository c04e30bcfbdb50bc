import type { Coverage } from "@/lib/catalogue/coverage";
import { formatPercent } from "@/lib/format";
import styles from "@/components/catalogue/catalogue.module.css";
import { Meter } from "@/components/ui/meter";

/** Mapping coverage as a bar with the numbers written out beside it (the bar is decoration only). */
export function CoverageBar({ coverage, testId }: { coverage: Coverage; testId?: string }) {
  const applicable = coverage.assessable - coverage.notApplicable;
  const width = coverage.ratio === null ? "0%" : formatPercent(coverage.ratio, 1);
  return (
    <div className={styles.coverage} data-testid={testId}>
      <Meter width={width} thin />
      <span className={styles.coverageText}>
        <strong>
          {coverage.mapped} of {applicable} mapped
        </strong>
        {coverage.ratio === null ? "" : ` (${formatPercent(coverage.ratio)})`}
        {coverage.unmapped ? ` · ${coverage.unmapped} unmapped` : " · none unmapped"}
        {coverage.notApplicable ? ` · ${coverage.notApplicable} not applicable by default` : ""}
      </span>
    </div>
  );
}
