import Link from "next/link";
import type { TrailIntegrity } from "@/lib/activity/get-trail-integrity";

/**
 * Shown on the overview to those who read the trail (admins, leads) when the worker's last check of
 * the activity trail failed: a rewritten or truncated trail must not go unnoticed. Nothing when intact.
 */
export function TrailIntegrityBanner({ integrity }: { integrity: TrailIntegrity | null }) {
  if (!integrity || integrity.ok) return null;
  return (
    <section
      className="alert alert-error"
      role="alert"
      aria-labelledby="trail-integrity-title"
      data-testid="trail-integrity-failing"
      style={{ marginBottom: "1rem" }}
    >
      <h2 id="trail-integrity-title" style={{ fontSize: "1rem", margin: "0 0 0.3rem" }}>
        Trail integrity: failing
      </h2>
      <p style={{ margin: 0 }}>
        The activity trail no longer verifies against its signed heads (checked{" "}
        {integrity.checkedAt.toISOString().slice(0, 16).replace("T", " ")} UTC)
        {integrity.eventId ? <>, first at event {integrity.eventId}</> : null}: {integrity.reason}. Someone with
        database access may have changed or removed events. Run <code>npm run activity:verify</code> on the server, and
        see the <Link href="/activity">activity trail</Link>.
      </p>
    </section>
  );
}
