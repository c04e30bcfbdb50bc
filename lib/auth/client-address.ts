import { isIP } from "node:net";

// The address a sign-in attempt comes from, for the per-address throttle. Next sets X-Forwarded-For
// to the peer's address only when the request has none, and a reverse proxy appends the address it
// saw: so the entry `hops` from the right is the one our own infrastructure wrote (hops = the number
// of proxies in front of the app, each appending). An app served directly to the internet cannot
// tell a forged header from its own (docs/security.md): serve it behind a proxy, as `npm start`'s
// default 127.0.0.1 binding assumes.

const MAX_HEADER = 4096;

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/** "unknown" when absent or unreadable; IPv6 addresses are reduced to their /64 (one host owns a whole /64). */
export function clientAddress(headers: HeaderBag, hops = 1): string {
  const xff = (header(headers, "x-forwarded-for") ?? "").slice(-MAX_HEADER);
  const entries = xff
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const entry = entries[entries.length - Math.max(1, hops)];
  return entry ? normaliseAddress(entry) : "unknown";
}

export function normaliseAddress(raw: string): string {
  let a = raw.trim();
  if (a.startsWith("["))
    a = a.slice(1, a.indexOf("]") > 0 ? a.indexOf("]") : undefined); // [v6]:port
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":")); // v4:port
  a = a.replace(/%.*$/, "").toLowerCase(); // zone id
  if (a.startsWith("::ffff:") && isIP(a.slice(7)) === 4) a = a.slice(7);
  const kind = isIP(a);
  if (kind === 4) return a;
  if (kind === 6) return `${expandV6(a).slice(0, 4).join(":")}::/64`;
  return "unknown";
}

function expandV6(a: string): string[] {
  const [head, tail] = a.includes("::") ? a.split("::") : [a, undefined];
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...fill, ...right].map((h) => (h.includes(".") ? h : h.replace(/^0+(?=.)/, "")));
}
