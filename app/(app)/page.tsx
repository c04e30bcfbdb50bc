import Link from "next/link";
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { requestNow } from "@/lib/clock";
import { listProjects } from "@/lib/projects/list-projects";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { LeadDashboard } from "@/components/dashboard/lead-dashboard";
import { EngineerHome } from "@/components/dashboard/engineer-home";
import { AuditorHome } from "@/components/dashboard/auditor-home";
import { TrailIntegrityBanner } from "@/components/activity/trail-integrity-banner";
import { getTrailIntegrity } from "@/lib/activity/get-trail-integrity";

export const metadata: Metadata = { title: "Overview" };

const DESCRIPTIONS = {
  ADMIN: "Where each project stands against each framework, what changed, and what holds it back.",
  COMPLIANCE_LEAD: "Where each project stands against each framework, what changed, and what holds it back.",
  ENGINEER: "The blockers that fail controls right now, and the drills coming up.",
  AUDITOR: "The audits you have been given access to.",
} as const;

export default async function OverviewPage() {
  const ctx = await requirePermission("project:read");
  const role = ctx.user.role;
  const header = <PageHeader title={`Welcome, ${ctx.user.name.split(" ")[0]}`} description={DESCRIPTIONS[role]} />;
  if (role === "AUDITOR") {
    return (
      <>
        {header}
        <AuditorHome ctx={ctx} now={await requestNow()} />
      </>
    );
  }
  const [projects, integrity] = await Promise.all([listProjects({ ctx }), getTrailIntegrity({ ctx })]);
  const trail = <TrailIntegrityBanner integrity={integrity} />;
  if (projects.length === 0) {
    return (
      <>
        {header}
        {trail}
        <EmptyState
          title="No projects yet"
          actions={
            can(ctx.actor, "project:create") ? (
              <Link className="btn btn-primary" href="/projects#new-project">
                Create a project
              </Link>
            ) : null
          }
        >
          <p>
            A project is one system in scope, such as a research portal or an ML service. Evidence, backlog items and
            readiness are tracked per project.
          </p>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {header}
      {trail}
      <nav
        aria-label="Projects"
        className="row small"
        data-testid="overview-projects"
        style={{ flexWrap: "wrap", gap: "0.4rem 1rem", marginBottom: "1rem" }}
      >
        <span className="muted">Projects:</span>
        {projects.map((p) => (
          <Link key={p.id} href={`/projects/${p.slug}`}>
            {p.name}
          </Link>
        ))}
      </nav>
      {role === "ENGINEER" ? <EngineerHome /> : <LeadDashboard />}
    </>
  );
}
