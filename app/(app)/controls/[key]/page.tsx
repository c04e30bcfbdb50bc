import { requestNow } from "@/lib/clock";
import Link from "next/link";
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { getControl } from "@/lib/controls/get-control";
import { controlFacets } from "@/lib/controls/control-facets";
import { requirementOptions } from "@/lib/catalogue/requirement-options";
import { EVIDENCE_KIND_LABELS, FREQUENCY_LABELS } from "@/lib/schemas/control";
import { formatDate, formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { ControlMappingsEditor } from "@/components/controls/control-mappings-editor";
import { pointsOfFocus } from "@/lib/catalogue/points-of-focus";
import { ControlForm } from "@/components/controls/control-form";
import { ArchiveControlButton } from "@/components/controls/archive-control-button";
import { orNotFound } from "@/lib/core/page-data";

export const metadata: Metadata = { title: "Control" };

export default async function ControlPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const ctx = await requirePermission("control:read");
  const control = await orNotFound(getControl({ ctx, key: decodeURIComponent(key), now: await requestNow() }));
  const canEdit = can(ctx.actor, "control:manage");
  const [facets, requirementIds] = await Promise.all([
    controlFacets({ ctx }),
    canEdit ? requirementOptions({ ctx }) : Promise.resolve({}),
  ]);
  const family = facets.families.find((f) => f.prefix === control.family);
  return (
    <>
      <PageHeader
        breadcrumbs={[{ href: "/controls", label: "Controls" }]}
        title={
          <span className="row">
            <span className="mono">{control.key}</span> <span data-testid="control-title">{control.title}</span>
            {control.archivedAt ? <Badge tone="warn">Archived</Badge> : null}
          </span>
        }
        description={`${family ? `${family.name} · ` : ""}${FREQUENCY_LABELS[control.frequency]} · owner: ${control.owner?.name ?? "none yet"}`}
      />
      <div className="stack">
        <div className="grid grid-2">
          <section className="card" aria-labelledby="about-title">
            <h2 id="about-title">What the team does</h2>
            <p data-testid="control-description">{control.description}</p>
            <dl className="kv small">
              <dt>Owner</dt>
              <dd>{control.owner ? `${control.owner.name} (${control.owner.email})` : "No owner yet"}</dd>
              <dt>Frequency</dt>
              <dd>{FREQUENCY_LABELS[control.frequency]}</dd>
              <dt>Origin</dt>
              <dd>
                {control.starter ? "Starter library" : "Created here"}
                {control.customisedAt ? `, edited ${formatDate(control.customisedAt)}` : ", as shipped"}
              </dd>
              <dt>Last change</dt>
              <dd>{formatDateTime(control.updatedAt)}</dd>
            </dl>
          </section>
          <section className="card" aria-labelledby="expect-title">
            <h2 id="expect-title">Evidence it expects</h2>
            {control.expectations.length ? (
              <table data-testid="control-expectations">
                <thead>
                  <tr>
                    <th scope="col">Kind</th>
                    <th scope="col" className="num">
                      Fresh for
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {control.expectations.map((e) => (
                    <tr key={e.kind}>
                      <td>{EVIDENCE_KIND_LABELS[e.kind]}</td>
                      <td className="num">{e.freshnessDays} days</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">
                No evidence kinds are expected yet, so nothing can show this control working.{" "}
                {canEdit ? "Choose them in the form below." : ""}
              </p>
            )}
          </section>
        </div>

        <section className="card" aria-labelledby="mappings-title">
          <h2 id="mappings-title">Requirements it serves</h2>
          <ControlMappingsEditor
            controlKey={control.key}
            groups={control.mappings.map((g) => ({
              ...g,
              requirements: g.requirements.map((r) => ({ ...r, guidance: pointsOfFocus(g.key, r.refId) })),
            }))}
            frameworks={facets.frameworks}
            requirementIds={requirementIds}
            canEdit={canEdit && !control.archivedAt}
          />
        </section>

        <section className="card" aria-labelledby="na-title">
          <h2 id="na-title">Projects where it does not apply</h2>
          {control.notApplicableIn.length ? (
            <ul className="small" data-testid="control-not-applicable">
              {control.notApplicableIn.map((p) => (
                <li key={p.slug}>
                  <Link href={`/projects/${p.slug}/controls`}>{p.name}</Link>: {p.justification}{" "}
                  <span className="muted">({formatDate(p.updatedAt)})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">
              It applies to every project assessed against a framework it serves. Leads mark exceptions, with a
              justification, on a project&rsquo;s Controls tab.
            </p>
          )}
        </section>

        <div className="grid grid-3">
          <section className="card" aria-labelledby="evidence-title" data-testid="control-evidence">
            <h2 id="evidence-title">Evidence</h2>
            {control.linked.evidence ? (
              <p className="small">
                {control.linked.evidence} piece(s) of evidence are filed against this control. Each project&rsquo;s
                Evidence tab lists them with their freshness; filter it by {control.key}.
              </p>
            ) : (
              <p className="small muted">
                No evidence is filed against this control yet. Results pushed from CI, and files or links added on a
                project&rsquo;s Evidence tab, count once they are filed against {control.key}.
              </p>
            )}
            <ProjectLinks projects={control.projectsInScope} suffix="evidence" />
          </section>
          <section className="card" aria-labelledby="backlog-title" data-testid="control-backlog">
            <h2 id="backlog-title">Backlog items</h2>
            {control.linked.backlogItems ? (
              <p className="small">
                <Link href={`/backlog?control=${encodeURIComponent(control.key)}`}>
                  {control.linked.backlogItems} backlog item(s) are linked to this control
                </Link>
                ; open blockers among them hold its readiness back.
              </p>
            ) : (
              <p className="small muted">
                No backlog items are linked yet. Items imported from a project&rsquo;s readiness documents can be linked
                to this control from the item&rsquo;s page.
              </p>
            )}
          </section>
          <section className="card" aria-labelledby="readiness-title" data-testid="control-readiness">
            <h2 id="readiness-title">Readiness</h2>
            {control.projectsInScope.length ? (
              <p className="small">
                Its state (passing, stale, failing or not applicable) is computed per project, with the reason. Open a
                project&rsquo;s scorecard:
              </p>
            ) : (
              <p className="small muted">
                No project is assessed against a framework this control serves, so it has no state anywhere yet. Choose
                a project&rsquo;s frameworks on its Controls tab.
              </p>
            )}
            <ProjectLinks projects={control.projectsInScope} suffix="readiness" />
          </section>
        </div>

        {canEdit ? (
          <section className="card" aria-labelledby="edit-title">
            <h2 id="edit-title">Edit</h2>
            <ControlForm
              existing={{
                key: control.key,
                title: control.title,
                description: control.description,
                frequency: control.frequency,
                ownerId: control.owner?.id ?? null,
                expectations: control.expectations,
              }}
              owners={facets.assignable}
            />
            <hr />
            <p className="small muted">
              Archiving removes the control from the library and from coverage; its mappings and history are kept and it
              can be restored.
            </p>
            <ArchiveControlButton controlKey={control.key} archived={Boolean(control.archivedAt)} />
          </section>
        ) : null}
      </div>
    </>
  );
}

function ProjectLinks({ projects, suffix }: { projects: Array<{ slug: string; name: string }>; suffix: string }) {
  if (!projects.length) return null;
  return (
    <ul className="small" style={{ margin: 0, paddingLeft: "1.1rem" }}>
      {projects.map((p) => (
        <li key={p.slug}>
          <Link href={`/projects/${p.slug}/${suffix}`}>{p.name}</Link>
        </li>
      ))}
    </ul>
  );
}
