import styles from "@/components/ui/meter.module.css";

/** A bar filled to `width` (a CSS width, e.g. "42%"). Hidden from screen readers: say the figures in text beside it. */
export function Meter({ width, thin }: { width: string; thin?: boolean }) {
  return (
    <span className={thin ? `${styles.meter} ${styles.thin}` : styles.meter} aria-hidden="true">
      <span style={{ width }} />
    </span>
  );
}
