import type { ReactNode } from "react";

/** A secret shown once, right after it was made, with what to do with it. */
export function OneTimeSecret({
  secret,
  children,
  testId,
  frameTestId,
}: {
  secret: string;
  /** What to do with it now. */
  children: ReactNode;
  /** On the secret itself. */
  testId: string;
  frameTestId?: string;
}) {
  return (
    <div className="alert alert-warn" role="status" data-testid={frameTestId}>
      <p>{children}</p>
      <pre className="summary-json" data-testid={testId}>
        {secret}
      </pre>
    </div>
  );
}
