"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { apiFetch } from "@/lib/client/api";
import { fieldErrors } from "@/lib/client/describe-error";
import { slugify } from "@/lib/schemas/slug";
import { Field } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { useFormValues } from "@/components/ui/use-form-values";
import { ProjectDescriptionField, ProjectNameField } from "@/components/projects/project-fields";
import { ErrorMessage } from "@/components/ui/error-message";

export function CreateProjectForm() {
  const router = useRouter();
  const { values, bind } = useFormValues({ name: "", slug: "", description: "" });
  const create = useMutation({
    mutationFn: (body: { name: string; slug?: string; description: string }) =>
      apiFetch<{ slug: string }>("/api/v1/projects", { method: "POST", body }),
    onSuccess: (project) => router.push(`/projects/${project.slug}`),
  });
  const errors = fieldErrors(create.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ ...values, slug: values.slug || undefined });
  }

  return (
    <form className="stack" onSubmit={onSubmit} data-testid="create-project-form" noValidate>
      <ErrorMessage error={create.error} />
      <div className="form-row">
        <ProjectNameField {...bind("name")} error={errors.name} />
        <Field
          label="Short name"
          hint={`Used in links. Leave empty for "${slugify(values.name || "my-project")}".`}
          error={errors.slug}
        >
          <input type="text" name="slug" {...bind("slug")} maxLength={48} />
        </Field>
      </div>
      <ProjectDescriptionField {...bind("description")} error={errors.description} rows={3} />
      <FormActions submitLabel="Create project" pendingLabel="Creating…" pending={create.isPending} />
    </form>
  );
}
