import { SOURCE_HEADERS, type TEvidencePushMeta } from "@/lib/schemas/evidence";

/** Source metadata sent as X-Proofline-* headers (query parameters of the same name win). */
export function metaFromHeaders(headers: Headers): Partial<Record<keyof TEvidencePushMeta, string>> {
  const out: Partial<Record<keyof TEvidencePushMeta, string>> = {};
  for (const [key, header] of Object.entries(SOURCE_HEADERS) as Array<[keyof TEvidencePushMeta, string]>) {
    const value = headers.get(header);
    if (value !== null && value !== "") out[key] = value;
  }
  return out;
}
