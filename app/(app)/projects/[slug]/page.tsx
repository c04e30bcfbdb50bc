import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { requestNow } from "@/lib/clock";
import { getProject } from "@/lib/projects/get-project";
import { computeReadiness } from "@/lib/readiness/compute-readiness";
import { links } from "@/lib/readiness/links";
import { EmptyState } from "@/components/ui/empty-state";
import { ScoreText } from "@/components/readiness/score-text";
import { FamilyBars } from "@/components/readiness/family-bars";
import { HoldbacksCard } from "@/components/dashboard/holdbacks-list";
import { UpcomingList } from "@/components/dashboard/upcoming-list";
import { OverdueExercisesCard } from "@/components/runbooks/overdue-exercises-card";

// The project overview: readiness per framework and what holds it back. Other areas add their own
// cards to the grid at the bottom (e.g. overdue runbook exercises).
export default async function ProjectOverviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requirePermission("project:read");
  const project = await getProject({ ctx, slug });
  const now = await requestNow();
  const { result } = await computeReadiness({ ctx, slug: project.slug, at: now, now });
  const base = `/projects/${project.slug}`;

  if (!result.frameworks.length) {
    return (
      <>
        <EmptyState
          title="Readiness appears here once the project is assessed against a framework"
          testId="project-overview-empty"
          actions={
            <>
              <Link className="btn" href={`${base}/controls`}>
                Choose frameworks
              </Link>
              <Link className="btn" href={`${base}/evidence`}>
                Evidence
              </Link>
            </>
          }
        >
          <p>
            Choose the frameworks {project.name} is assessed against (SOC 2, GDPR, IRB) under Controls. This overview
            then shows its readiness per framework, what holds it back, evidence about to expire and drills coming up.
          </p>
        </EmptyState>
        <OverdueExercisesCard ctx={ctx} projectId={project.id} slug={project.slug} now={now} />
      </>
    );
  }

  return (
    <div className="stack" data-testid="project-overview">
      <div className="grid grid-3" data-testid="project-frameworks">
        {result.frameworks.map((fw) => (
          <section key={fw.key} className="card" aria-label={`${fw.name} readiness`}>
            <h3>
              <Link href={links.scorecard(project.slug, fw.key)}>{fw.name}</Link>
            </h3>
            <Link href={links.scorecard(project.slug, fw.key)}>
              <ScoreText score={fw.score} met={fw.met} applicable={fw.applicable} size="small" />
            </Link>
            <details style={{ marginTop: "0.5rem" }}>
              <summary className="small">By family</summary>
              <FamilyBars families={fw.families} hrefOf={(refId) => links.requirement(project.slug, fw.key, refId)} />
            </details>
          </section>
        ))}
      </div>
      <div className="grid grid-2">
        <HoldbacksCard titleId="po-holdbacks" project={project.slug} perProject={8} />
        <section className="card" aria-labelledby="po-expiring">
          <h2 id="po-expiring">Evidence expiring in the next 30 days</h2>
          <UpcomingList type="evidence" project={project.slug} showProject={false} />
        </section>
      </div>
      <div className="grid grid-2" data-testid="project-overview-cards">
        <section className="card" aria-labelledby="po-due">
          <h2 id="po-due">Runbook exercises due</h2>
          <UpcomingList type="exercise" project={project.slug} showProject={false} />
        </section>
        <OverdueExercisesCard ctx={ctx} projectId={project.id} slug={project.slug} now={now} />
      </div>
    </div>
  );
}
