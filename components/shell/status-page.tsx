import Link from "next/link";
import type { ReactNode } from "react";

/** A page that says why there is nothing to show here (not found, no access), with the way back. */
export function StatusPage({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <main className="content" data-testid={testId}>
      <div className="empty">
        <h1>{title}</h1>
        <p>{children}</p>
        <div className="actions">
          <Link className="btn" href="/">
            Back to the overview
          </Link>
        </div>
      </div>
    </main>
  );
}
