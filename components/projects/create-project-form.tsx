"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/client/api";
import { fieldErrors } from "@/lib/client/describe-error";
import { slugify } from "@/lib/schemas/slug";
import { Field } from "@/components/ui/field";
import { ErrorMessage } from "@/components/ui/error-message";

export function CreateProjectForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [description, setDescription] = useState("");
  const create = useMutation({
    mutationFn: (body: { name: string; slug?: string; description: string }) =>
      apiFetch<{ slug: string }>("/api/v1/projects", { method: "POST", body }),
    onSuccess: (project) => router.push(`/projects/${project.slug}`),
  });
  const errors = fieldErrors(create.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ name, slug: slug || undefined, description });
  }

  return (
    <form className="stack" onSubmit={onSubmit} data-testid="create-project-form" noValidate>
      <ErrorMessage error={create.error} />
      <div className="form-row">
        <Field label="Name" error={errors.name}>
          <input
            type="text"
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={80}
          />
        </Field>
        <Field
          label="Short name"
          hint={`Used in links. Leave empty for "${slugify(name || "my-project")}".`}
          error={errors.slug}
        >
          <input type="text" name="slug" value={slug} onChange={(e) => setSlug(e.target.value)} maxLength={48} />
        </Field>
      </div>
      <Field label="Description" error={errors.description}>
        <textarea
          name="description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={2000}
          rows={3}
        />
      </Field>
      <div>
        <button className="btn btn-primary" type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create project"}
        </button>
      </div>
    </form>
  );
}
