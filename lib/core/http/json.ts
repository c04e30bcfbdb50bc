// JSON for API responses: BigInt (event ids, byte sizes, integers past 2^53) becomes a string, exactly.
//
// A replacer function makes JSON.stringify call back into JavaScript for every key of every object,
// which on the dashboard's larger answers cost more than the rest of the serialisation. Most answers
// hold no BigInt, so the plain (native) stringify runs first; it throws a TypeError on the first
// BigInt it meets, and only then is the answer written again with the replacer.
const bigintAsString = (_key: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);

export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (err) {
    if (err instanceof TypeError && /BigInt/.test(err.message)) return JSON.stringify(value, bigintAsString);
    throw err;
  }
}

export function jsonResponse(value: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return new Response(jsonText(value), { ...init, headers });
}
