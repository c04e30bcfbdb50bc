// JSON for API responses: BigInt (event ids, byte sizes, integers past 2^53) becomes a string, exactly.
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v));
}

export function jsonResponse(value: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return new Response(jsonText(value), { ...init, headers });
}
