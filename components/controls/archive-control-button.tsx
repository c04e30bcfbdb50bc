"use client";
import { useRouter } from "next/navigation";
import { ErrorMessage } from "@/components/ui/error-message";
import { useSaveControl } from "@/components/controls/use-controls";

/** Archives a control (it leaves the library and stops counting for coverage, keeping its history) or restores it. */
export function ArchiveControlButton({ controlKey, archived }: { controlKey: string; archived: boolean }) {
  const router = useRouter();
  const save = useSaveControl(controlKey);
  return (
    <div className="stack" style={{ gap: "0.4rem" }}>
      <div>
        <button
          type="button"
          className={archived ? "btn" : "btn btn-danger"}
          disabled={save.isPending}
          onClick={() => save.mutate({ archived: !archived }, { onSuccess: () => router.refresh() })}
        >
          {archived ? "Restore control" : "Archive control"}
        </button>
      </div>
      <ErrorMessage error={save.error} />
    </div>
  );
}
