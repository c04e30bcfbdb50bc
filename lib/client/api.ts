// The browser's typed fetch client for /api/v1. Failures become ApiError carrying the problem+json.

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly fieldErrors: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(detail);
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** A JSON body is sent as JSON; a Blob (a File from an input) is sent as its bytes, with its own type. */
function encodeBody(body: unknown): { headers: Record<string, string>; body?: BodyInit } {
  if (body === undefined) return { headers: { accept: "application/json" } };
  if (body instanceof Blob)
    return { headers: { "content-type": body.type || "application/octet-stream", accept: "application/json" }, body };
  return { headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) };
}

export async function apiFetch<T>(
  path: string,
  init: { method?: string; query?: Query; body?: unknown } = {},
): Promise<T> {
  let res: Response;
  try {
    const encoded = encodeBody(init.body);
    res = await fetch(withQuery(path, init.query), {
      method: init.method ?? "GET",
      headers: encoded.headers,
      body: encoded.body,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "Network error", "Proofline could not be reached. Check your connection and try again.");
  }
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
  let problem: { title?: string; detail?: string; errors?: FieldError[]; requestId?: string } = {};
  try {
    problem = await res.json();
  } catch {
    // not JSON: fall back to the status line
  }
  throw new ApiError(
    res.status,
    problem.title ?? res.statusText,
    problem.detail ?? `The request failed (${res.status}).`,
    problem.errors ?? [],
    problem.requestId,
  );
}
