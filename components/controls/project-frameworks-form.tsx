"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ErrorMessage } from "@/components/ui/error-message";
import { useSetProjectFrameworks } from "@/components/catalogue/use-frameworks";

/** Chooses the frameworks a project is assessed against; its controls are those mapped to them. */
export function ProjectFrameworksForm({
  slug,
  all,
  selected,
}: {
  slug: string;
  all: Array<{ key: string; name: string }>;
  selected: string[];
}) {
  const router = useRouter();
  const [chosen, setChosen] = useState<string[]>(selected);
  const save = useSetProjectFrameworks(slug);
  const [saved, setSaved] = useState(false);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    save.mutate(chosen, {
      onSuccess: () => {
        setSaved(true);
        router.refresh();
      },
    });
  }

  return (
    <form onSubmit={onSubmit} data-testid="project-frameworks-form">
      <fieldset>
        <legend>Frameworks this project is assessed against</legend>
        <div className="row">
          {all.map((f) => (
            <label key={f.key}>
              <input
                type="checkbox"
                checked={chosen.includes(f.key)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, f.key] : chosen.filter((k) => k !== f.key))}
              />{" "}
              {f.name}
            </label>
          ))}
          <button className="btn btn-small" type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save frameworks"}
          </button>
          {saved ? (
            <span className="small" role="status">
              Saved.
            </span>
          ) : null}
        </div>
      </fieldset>
      <ErrorMessage error={save.error} />
    </form>
  );
}
