import type { FormEvent, ReactNode } from "react";
import { ErrorMessage } from "@/components/ui/error-message";

// The boxes a page is made of, each named by its heading (aria-labelledby) so it is a region screen
// readers can jump to.

/** A card with its heading. */
export function Card({
  title,
  titleId,
  testId,
  children,
}: {
  title: ReactNode;
  /** The heading's id, unique on the page. */
  titleId: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={titleId} data-testid={testId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </section>
  );
}

/** A form that is a card of its own, under a sub-heading, with its failure said first. */
export function FormCard({
  title,
  titleId,
  testId,
  onSubmit,
  error,
  children,
}: {
  title: ReactNode;
  titleId: string;
  testId?: string;
  onSubmit: (e: FormEvent) => void;
  /** The submit's failure, if any. */
  error: unknown;
  children: ReactNode;
}) {
  return (
    <form className="card stack" onSubmit={onSubmit} aria-labelledby={titleId} data-testid={testId} noValidate>
      <h3 id={titleId}>{title}</h3>
      <ErrorMessage error={error} />
      {children}
    </form>
  );
}
