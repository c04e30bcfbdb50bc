import Link from "next/link";
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { requestNow } from "@/lib/clock";
import { computeReadiness } from "@/lib/readiness/compute-readiness";
import { links } from "@/lib/readiness/links";
import { EmptyState } from "@/components/ui/empty-state";
import { ScoreText } from "@/components/readiness/score-text";
import { orNotFound } from "@/lib/core/page-data";

export const metadata: Metadata = { title: "Readiness" };

/** The project's frameworks, each with its score, leading to its scorecard. */
export default async function ProjectReadinessPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requirePermission("readiness:read");
  const now = await requestNow();
  const { result } = await orNotFound(computeReadiness({ ctx, slug, at: now, now }));
  if (!result.frameworks.length) {
    return (
      <EmptyState title="Not assessed against any framework yet" testId="readiness-empty">
        <p>
          Choose the frameworks this project is assessed against (SOC 2, GDPR, IRB) under{" "}
          <Link href={`/projects/${slug}/controls`}>Controls</Link>; a scorecard per framework appears here.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="grid grid-3">
      {result.frameworks.map((fw) => (
        <Link key={fw.key} href={links.scorecard(slug, fw.key)} className="card project-card">
          <h3>{fw.name}</h3>
          <ScoreText score={fw.score} met={fw.met} applicable={fw.applicable} size="small" />
        </Link>
      ))}
    </div>
  );
}
