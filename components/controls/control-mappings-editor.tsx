"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/lib/client/describe-error";
import { ErrorMessage } from "@/components/ui/error-message";
import { Field } from "@/components/ui/field";
import { Badge } from "@/components/ui/badge";
import { useUpdateMappings } from "@/components/controls/use-controls";
import styles from "@/components/catalogue/catalogue.module.css";
import { frameworkOption, SelectField } from "@/components/ui/select-field";

export interface MappingGroup {
  key: string;
  name: string;
  /** `guidance`: the criterion's points of focus in our own words (SOC 2), shown, never scored. */
  requirements: Array<{ refId: string; title: string; retired: boolean; guidance?: readonly string[] }>;
}

/**
 * A control's mappings grouped by framework: one control serving SOC 2, GDPR and IRB at once.
 * Leads can remove a mapping or add one by framework and requirement id.
 */
export function ControlMappingsEditor({
  controlKey,
  groups,
  frameworks,
  requirementIds,
  canEdit,
}: {
  controlKey: string;
  groups: MappingGroup[];
  frameworks: Array<{ key: string; name: string }>;
  requirementIds: Record<string, string[]>;
  canEdit: boolean;
}) {
  const router = useRouter();
  const mappings = useUpdateMappings();
  const [framework, setFramework] = useState(frameworks[0]?.key ?? "");
  const [refId, setRefId] = useState("");
  const errors = fieldErrors(mappings.error);

  function change(
    add: Array<{ framework: string; refId: string }>,
    remove: Array<{ framework: string; refId: string }>,
    done?: () => void,
  ) {
    mappings.mutate(
      { key: controlKey, add, remove },
      {
        onSuccess: () => {
          done?.();
          router.refresh();
        },
      },
    );
  }

  function onAdd(e: FormEvent) {
    e.preventDefault();
    if (refId.trim()) change([{ framework, refId: refId.trim() }], [], () => setRefId(""));
  }

  return (
    <div className="stack" data-testid="control-mappings">
      {groups.length === 0 ? (
        <p className="muted">
          Not mapped to any requirement yet.{" "}
          {canEdit ? "Add a mapping below, or from a framework page." : "A compliance lead can map it to requirements."}
        </p>
      ) : (
        groups.map((g) => (
          <div key={g.key} data-testid={`mapping-group-${g.key}`}>
            <h3>
              <Link href={`/frameworks/${g.key}`}>{g.name}</Link>{" "}
              <span className="muted small">({g.requirements.length})</span>
            </h3>
            <ul className="small" style={{ margin: 0, paddingLeft: "1.1rem" }}>
              {g.requirements.map((r) => (
                <li key={r.refId}>
                  <Link className={styles.refId} href={`/frameworks/${g.key}?q=${encodeURIComponent(r.refId)}`}>
                    {r.refId}
                  </Link>{" "}
                  {r.title} {r.retired ? <Badge>Retired</Badge> : null}
                  {canEdit ? (
                    <>
                      {" "}
                      <button
                        type="button"
                        className="btn btn-link btn-small"
                        aria-label={`Remove mapping to ${g.name} ${r.refId}`}
                        disabled={mappings.isPending}
                        onClick={() => change([], [{ framework: g.key, refId: r.refId }])}
                      >
                        Remove
                      </button>
                    </>
                  ) : null}
                  {r.guidance?.length ? (
                    <details data-testid={`guidance-${r.refId}`}>
                      <summary className="muted">Points of focus (guidance, not scored)</summary>
                      <ul>
                        {r.guidance.map((p) => (
                          <li key={p}>{p}</li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
      <ErrorMessage error={mappings.error} />
      {canEdit ? (
        <form className="form-row" onSubmit={onAdd} aria-label="Add a mapping" data-testid="add-mapping-form">
          <SelectField
            label="Framework"
            options={frameworks.map(frameworkOption)}
            value={framework}
            onChange={(e) => setFramework(e.target.value)}
          />
          <Field
            label="Requirement id"
            hint="As the framework writes it: CC6.1, Art. 32(1)(b), 11.10(e)."
            error={errors.refId ?? errors.framework}
          >
            <input
              type="text"
              list={`req-ids-${framework}`}
              value={refId}
              onChange={(e) => setRefId(e.target.value)}
              autoComplete="off"
            />
          </Field>
          <datalist id={`req-ids-${framework}`}>
            {(requirementIds[framework] ?? []).map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
          <div style={{ alignSelf: "flex-end" }}>
            <button className="btn" type="submit" disabled={mappings.isPending || !refId.trim()}>
              Add mapping
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
