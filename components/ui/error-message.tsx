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
