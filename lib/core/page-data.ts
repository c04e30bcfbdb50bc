import { notFound } from "next/navigation";
import { ForbiddenError, NotFoundError } from "@/lib/errors";

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * For server pages: the data, or Next's 404 page when loading it says there is no such thing (NotFoundError,
 * or any of the other error classes named, e.g. InvalidInputError for a framework key in the address).
 * Every other failure is thrown on to the error page.
 */
export async function orNotFound<T>(work: Promise<T>, ...alsoNotFound: ErrorClass[]): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof NotFoundError || alsoNotFound.some((c) => err instanceof c)) notFound();
    throw err;
  }
}

/** A refusal a page explains in place of its data (e.g. "your grant on this audit ended"). */
export interface Refused {
  refused: string;
}

/** orNotFound, and a ForbiddenError as `{ refused: message }` for the page to show. */
export async function orRefused<T>(work: Promise<T>): Promise<T | Refused> {
  try {
    return await orNotFound(work);
  } catch (err) {
    if (err instanceof ForbiddenError) return { refused: err.message };
    throw err;
  }
}

/** orNotFound, and a ForbiddenError as null: for a page whose layout already says why access was refused. */
export async function orNullWhenRefused<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await orNotFound(work);
  } catch (err) {
    if (err instanceof ForbiddenError) return null;
    throw err;
  }
}
