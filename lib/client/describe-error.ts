import { ApiError } from "@/lib/client/api";

/** The one way a failure becomes a sentence in the UI. Components never inspect raw errors. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    switch (err.status) {
      case 401:
        return "Your session has ended. Sign in again to continue.";
      case 403:
        return err.message || "You do not have permission to do that.";
      case 422:
        return err.fieldErrors.length ? "Some fields need attention." : err.message;
      case 500:
        return `Something went wrong on our side${err.requestId ? ` (request ${err.requestId})` : ""}. Please try again.`;
      default:
        return err.message;
    }
  }
  if (err instanceof Error) return err.message;
  return "Something went wrong. Please try again.";
}

/** Field messages by field name (the last segment of the problem's path: "body.name" -> "name"). */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of err.fieldErrors) {
    const key = e.path.split(".").slice(1).join(".") || e.path;
    out[key] ??= e.message;
  }
  return out;
}
