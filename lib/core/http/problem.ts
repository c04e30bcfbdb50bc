import { Prisma } from "@/generated/prisma/client";
import { isAppError, type FieldIssue } from "@/lib/errors";
import { jsonText } from "@/lib/core/http/json";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldIssue[];
  requestId?: string;
}

export function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  extra: Partial<Problem> = {},
): Problem {
  return { type: `urn:proofline:problem:${code}`, title, status, detail, ...extra };
}

/** The one translator from thrown errors to HTTP: RFC 9457 problem+json. */
export function toProblem(err: unknown, requestId?: string): Problem {
  if (isAppError(err)) {
    const issues =
      "issues" in err && Array.isArray(err.issues) && err.issues.length ? { errors: err.issues as FieldIssue[] } : {};
    // Some errors carry a detail meant for the caller apart from the operator's message (BlobStoreError).
    const detail = "publicDetail" in err && typeof err.publicDetail === "string" ? err.publicDetail : err.message;
    return problem(err.status, err.code, err.title, detail, { ...issues, requestId });
  }
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === "P2002")
      return problem(409, "conflict", "Conflict", "Something with the same identity already exists.", { requestId });
    if (err.code === "P2025")
      return problem(404, "not-found", "Not found", "The record does not exist.", { requestId });
  }
  console.error(`[request ${requestId ?? "-"}]`, err);
  return problem(
    500,
    "internal",
    "Internal error",
    `Something went wrong on our side. Quote request id ${requestId ?? "(none)"} when reporting it.`,
    {
      requestId,
    },
  );
}

export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(jsonText(p), {
    status: p.status,
    headers: {
      "content-type": "application/problem+json",
      ...(p.requestId ? { "x-request-id": p.requestId } : {}),
      ...headers,
    },
  });
}
