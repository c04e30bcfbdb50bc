"use client";
import { LinkedControls } from "@/components/controls/linked-controls";
import { useRunbookMutation } from "@/components/runbooks/use-runbook";
import type { RunbookDto } from "@/lib/dto/runbooks";

/** The controls a runbook's exercises prove, with link and unlink. */
export function RunbookControls({ runbook, canWrite }: { runbook: RunbookDto; canWrite: boolean }) {
  const slug = runbook.project.slug;
  const link = useRunbookMutation(slug, runbook.id, (control: string) => ({
    path: "/controls",
    method: "POST",
    body: { control },
  }));
  const unlink = useRunbookMutation(slug, runbook.id, (key: string) => ({
    path: `/controls/${encodeURIComponent(key)}`,
    method: "DELETE",
  }));
  return (
    <LinkedControls
      idPrefix="rb"
      linked={runbook.controls}
      emptyText="Not linked to any control. A restore drill usually proves a backup control; link it so readiness counts its exercises."
      canWrite={canWrite}
      link={link}
      unlink={unlink}
      testId="runbook-controls"
    />
  );
}
