"use client";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { ErrorMessage } from "@/components/ui/error-message";
import { useUpdateMappings } from "@/components/controls/use-controls";
import styles from "@/components/catalogue/catalogue.module.css";

/** Maps a control (typed or picked from the page's list of keys) to one requirement. */
export function MapControlForm({ framework, refId, listId }: { framework: string; refId: string; listId: string }) {
  const router = useRouter();
  const id = useId();
  const [key, setKey] = useState("");
  const map = useUpdateMappings();

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const control = key.trim().toUpperCase();
    if (!control) return;
    map.mutate(
      { key: control, add: [{ framework, refId }] },
      {
        onSuccess: () => {
          setKey("");
          router.refresh();
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} data-testid={`map-control-${refId}`}>
      <div className={styles.inlineForm}>
        <label htmlFor={id} className="sr-only">
          Control to map to {refId}
        </label>
        <input
          id={id}
          list={listId}
          placeholder="Control key"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          autoComplete="off"
        />
        <button className="btn btn-small" type="submit" disabled={map.isPending || !key.trim()}>
          {map.isPending ? "Mapping…" : "Map"}
        </button>
      </div>
      <ErrorMessage error={map.error} testId={`map-error-${refId}`} />
    </form>
  );
}
