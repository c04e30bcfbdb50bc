"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormActions } from "@/components/ui/form-actions";
import { useFormValues } from "@/components/ui/use-form-values";
import { apiFetch } from "@/lib/client/api";
import { fieldErrors } from "@/lib/client/describe-error";
import { Field } from "@/components/ui/field";
import { ErrorMessage } from "@/components/ui/error-message";
import { frameworkOption, SelectField } from "@/components/ui/select-field";

interface Options {
  frameworks: Array<{ key: string; name: string }>;
  projects: Array<{ slug: string; name: string }>;
}

/** Plans an audit: framework, projects in scope, and the observation window (a moment or a period). */
export function CreateAuditForm({ frameworks, projects }: Options) {
  const router = useRouter();
  const { values: form, bind } = useFormValues({
    name: "",
    framework: frameworks[0]?.key ?? "",
    type: "TYPE_II",
    windowStart: "",
    windowEnd: "",
  });
  const [scope, setScope] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: (body: object) => apiFetch<{ id: string }>("/api/v1/audits", { method: "POST", body }),
    onSuccess: (audit) => router.push(`/audits/${audit.id}`),
  });
  const errors = fieldErrors(create.error);
  const typeII = form.type === "TYPE_II";

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ ...form, projects: scope, windowStart: typeII ? form.windowStart || undefined : undefined });
  }

  return (
    <form className="stack" onSubmit={onSubmit} data-testid="create-audit-form" noValidate>
      <ErrorMessage error={create.error} />
      <div className="form-row">
        <Field label="Audit name" error={errors.name}>
          <input type="text" {...bind("name")} maxLength={120} required />
        </Field>
        <SelectField
          label="Framework"
          error={errors.framework}
          options={frameworks.map(frameworkOption)}
          {...bind("framework")}
        />
        <Field label="Type" hint="Type I looks at one moment; Type II at a period." error={errors.type}>
          <select {...bind("type")}>
            <option value="TYPE_II">Type II (a period)</option>
            <option value="TYPE_I">Type I (one moment)</option>
          </select>
        </Field>
      </div>
      <div className="form-row">
        {typeII ? (
          <Field label="Window starts" error={errors.windowStart}>
            <input type="date" {...bind("windowStart")} required />
          </Field>
        ) : null}
        <Field label={typeII ? "Window ends" : "As of"} hint="Whole days, in UTC." error={errors.windowEnd}>
          <input type="date" {...bind("windowEnd")} required />
        </Field>
      </div>
      <fieldset className="field" aria-describedby={errors.projects ? "audit-projects-error" : undefined}>
        <legend className="label">Projects in scope</legend>
        {projects.length ? (
          <div className="row">
            {projects.map((p) => (
              <label key={p.slug} className="row small">
                <input
                  type="checkbox"
                  checked={scope.includes(p.slug)}
                  onChange={(e) => setScope(e.target.checked ? [...scope, p.slug] : scope.filter((s) => s !== p.slug))}
                />
                {p.name}
              </label>
            ))}
          </div>
        ) : (
          <span className="hint">There are no active projects yet: create one first.</span>
        )}
        {errors.projects ? (
          <span className="error" id="audit-projects-error">
            {errors.projects}
          </span>
        ) : null}
      </fieldset>
      <FormActions submitLabel="Plan audit" pendingLabel="Planning…" pending={create.isPending} />
    </form>
  );
}
