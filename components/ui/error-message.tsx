import type { ReactNode } from "react";
import { describeError } from "@/lib/client/describe-error";

/** Shows any failure the same way everywhere. */
export function ErrorMessage({ error, testId = "error-message" }: { error: unknown; testId?: string }) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      {describeError(error)}
    </div>
  );
}

/** Says what a form or an action just did, the same way everywhere (read out politely: role="status"). */
export function SuccessMessage({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <div className="alert alert-ok" role="status" data-testid={testId}>
      {children}
    </div>
  );
}
