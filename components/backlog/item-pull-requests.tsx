"use client";
import type { FormEvent } from "react";
import { FormActions } from "@/components/ui/form-actions";
import { useFormValues } from "@/components/ui/use-form-values";
import { fieldErrors } from "@/lib/client/describe-error";
import { formatDate } from "@/lib/format";
import { Field } from "@/components/ui/field";
import { ErrorMessage } from "@/components/ui/error-message";
import { Badge, type Tone } from "@/components/ui/badge";
import { useItemMutation } from "@/components/backlog/use-backlog-item";
import type { BacklogItemDto } from "@/lib/dto/backlog";
import { RowAction } from "@/components/ui/row-action";

const STATE: Record<string, { label: string; tone: Tone }> = {
  open: { label: "Open", tone: "info" },
  merged: { label: "Merged", tone: "ok" },
  closed: { label: "Closed", tone: "muted" },
  unknown: { label: "State not known", tone: "muted" },
};

/** Pull requests linked to an item by pasting their GitHub address. */
export function ItemPullRequests({ item, canWrite }: { item: BacklogItemDto; canWrite: boolean }) {
  const slug = item.project.slug;
  const link = useItemMutation(slug, item.id, (body: { url: string; title: string; state: string }) => ({
    path: "/pull-requests",
    method: "POST",
    body,
  }));
  const unlink = useItemMutation(slug, item.id, (id: string) => ({ path: `/pull-requests/${id}`, method: "DELETE" }));
  const { values: form, setValues: setForm, bind } = useFormValues({ url: "", title: "", state: "unknown" });
  const errors = fieldErrors(link.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    link.mutate(form, { onSuccess: () => setForm({ url: "", title: "", state: "unknown" }) });
  }

  return (
    <section className="card" aria-labelledby="prs-title">
      <h2 id="prs-title">Pull requests</h2>
      {item.pullRequests.length === 0 ? (
        <p className="muted">No pull requests linked. Paste a GitHub pull request address to link one.</p>
      ) : null}
      <ul className="stack" style={{ listStyle: "none", padding: 0 }} data-testid="pull-requests">
        {item.pullRequests.map((pr) => (
          <li key={pr.id}>
            <div className="row">
              <a href={pr.url} target="_blank" rel="noreferrer">
                {pr.repo} #{pr.number}
              </a>
              <span>{pr.title || <span className="muted">Title not known yet</span>}</span>
              <Badge tone={(STATE[pr.state] ?? STATE.unknown).tone}>{(STATE[pr.state] ?? STATE.unknown).label}</Badge>
              {canWrite ? (
                <RowAction action={unlink} value={pr.id} name={`Unlink ${pr.repo} #${pr.number}`}>
                  Unlink
                </RowAction>
              ) : null}
            </div>
            <p className="muted small">
              {pr.detailsSource === "manual"
                ? `Title and state as entered by hand on ${formatDate(pr.updatedAt)}; Proofline does not fetch them from GitHub yet.`
                : `Title and state from GitHub, updated ${formatDate(pr.updatedAt)}.`}
            </p>
          </li>
        ))}
      </ul>
      <ErrorMessage error={unlink.error} />
      {canWrite ? (
        <form className="stack" onSubmit={submit} data-testid="link-pr-form">
          <ErrorMessage error={link.error} />
          <div className="form-row">
            <Field label="Pull request address" error={errors.url} hint="https://github.com/owner/repo/pull/123">
              <input type="url" {...bind("url")} required />
            </Field>
            <Field label="Title (optional)" error={errors.title}>
              <input type="text" {...bind("title")} />
            </Field>
            <Field label="State" error={errors.state}>
              <select {...bind("state")}>
                <option value="unknown">Not known</option>
                <option value="open">Open</option>
                <option value="merged">Merged</option>
                <option value="closed">Closed</option>
              </select>
            </Field>
          </div>
          <FormActions plain submitLabel="Link pull request" pendingLabel="Linking…" pending={link.isPending} />
        </form>
      ) : null}
    </section>
  );
}
