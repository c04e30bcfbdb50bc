"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/client/api";
import { fieldErrors } from "@/lib/client/describe-error";
import { FormActions } from "@/components/ui/form-actions";
import { useFormValues } from "@/components/ui/use-form-values";
import { ProjectDescriptionField, ProjectNameField } from "@/components/projects/project-fields";
import { ErrorMessage, SuccessMessage } from "@/components/ui/error-message";

interface Props {
  project: { slug: string; name: string; description: string; archived: boolean };
  canArchive: boolean;
}

export function ProjectSettingsForm({ project, canArchive }: Props) {
  const router = useRouter();
  const { values, bind } = useFormValues({ name: project.name, description: project.description });
  const [saved, setSaved] = useState(false);
  const update = useMutation({
    mutationFn: (body: { name?: string; description?: string; archived?: boolean }) =>
      apiFetch(`/api/v1/projects/${project.slug}`, { method: "PATCH", body }),
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const errors = fieldErrors(update.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    update.mutate(values);
  }

  return (
    <div className="stack">
      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <form className="stack" onSubmit={onSubmit} data-testid="project-settings-form" noValidate>
          <ErrorMessage error={update.error} />
          {saved && !update.error ? <SuccessMessage testId="saved">Saved.</SuccessMessage> : null}
          <ProjectNameField {...bind("name")} error={errors.name} />
          <ProjectDescriptionField {...bind("description")} error={errors.description} rows={4} />
          <FormActions submitLabel="Save changes" pending={update.isPending} />
        </form>
      </section>
      {canArchive ? (
        <section className="card" aria-labelledby="archive-title">
          <h2 id="archive-title">{project.archived ? "Restore project" : "Archive project"}</h2>
          <p className="muted">
            {project.archived
              ? "Restoring puts the project back in lists and lets evidence count towards readiness again."
              : "Archiving hides the project from lists and dashboards. Nothing is deleted: evidence, history and the activity trail stay, and you can restore it."}
          </p>
          <button
            type="button"
            className={project.archived ? "btn" : "btn btn-danger"}
            disabled={update.isPending}
            onClick={() => {
              setSaved(false);
              update.mutate({ archived: !project.archived });
            }}
          >
            {project.archived ? "Restore project" : "Archive project"}
          </button>
        </section>
      ) : null}
    </div>
  );
}
