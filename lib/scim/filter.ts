import { ScimError } from "@/lib/scim/errors";

// The filters identity providers send (RFC 7644 §3.4.2.2), and only those: `attr eq "value"` clauses
// joined by `and`, where attr is a plain or dotted attribute, or `members[value eq "…"]` (Entra ID
// checks a membership so). Okta sends `userName eq "…"`; Entra ID sends `userName eq "…"`,
// `externalId eq "…"`, `displayName eq "…"` and `id eq "…" and members[value eq "…"]`. Anything else is
// refused with 400 invalidFilter, never guessed. A single left-to-right scan: linear in the filter's length.

export interface FilterClause {
  /** Attribute in lower case ("username", "externalid", "emails.value", "members.value"). */
  attr: string;
  value: string;
}

const MAX_FILTER_LENGTH = 1000;

export function parseFilter(text: string | null | undefined): FilterClause[] {
  if (text == null || text.trim() === "") return [];
  if (text.length > MAX_FILTER_LENGTH)
    throw new ScimError(400, `The filter is longer than ${MAX_FILTER_LENGTH} characters.`, "invalidFilter");
  const s = text;
  let i = 0;
  const clauses: FilterClause[] = [];
  const fail = (why: string): never => {
    throw new ScimError(
      400,
      `Unsupported filter (${why}): only attr eq "value" clauses joined by "and" are supported.`,
      "invalidFilter",
    );
  };
  const skipSpace = () => {
    while (i < s.length && s[i] === " ") i++;
  };
  const word = () => {
    const start = i;
    while (i < s.length && /[A-Za-z0-9_.:$-]/.test(s[i])) i++;
    return s.slice(start, i);
  };
  const quoted = () => {
    if (s[i] !== '"') fail("a value must be a double-quoted string");
    i++;
    let out = "";
    while (i < s.length && s[i] !== '"') {
      if (s[i] === "\\" && i + 1 < s.length) i++;
      out += s[i++];
    }
    if (s[i] !== '"') fail("unterminated string");
    i++;
    return out;
  };
  const eq = () => {
    skipSpace();
    if (word().toLowerCase() !== "eq") fail("only the eq operator is supported");
    skipSpace();
    return quoted();
  };
  for (;;) {
    skipSpace();
    let attr = word();
    if (!attr) fail("expected an attribute");
    if (s[i] === "[") {
      i++;
      skipSpace();
      const sub = word();
      const value = eq();
      skipSpace();
      if (s[i] !== "]") fail("expected ]");
      i++;
      attr = `${attr}.${sub}`;
      clauses.push({ attr: attr.toLowerCase(), value });
    } else {
      clauses.push({ attr: attr.toLowerCase(), value: eq() });
    }
    skipSpace();
    if (i >= s.length) break;
    if (word().toLowerCase() !== "and") fail("only and joins clauses");
  }
  // The core schema's URN may prefix an attribute: urn:ietf:params:scim:schemas:core:2.0:User:userName.
  return clauses.map((c) => ({
    ...c,
    attr: c.attr.replace(/^urn:ietf:params:scim:schemas:core:2\.0:(?:user|group):/, ""),
  }));
}

export interface Page {
  startIndex: number;
  count: number;
}

/** startIndex (1-based) and count as RFC 7644 §3.4.2.4 says: below 1 is 1, a negative count is 0. */
export function parsePage(params: URLSearchParams, maxCount = 200, defaultCount = 100): Page {
  const num = (name: string, fallback: number) => {
    const raw = params.get(name);
    if (raw == null || raw === "") return fallback;
    if (!/^-?\d{1,9}$/.test(raw)) throw new ScimError(400, `${name} must be an integer.`, "invalidValue");
    return Number(raw);
  };
  return {
    startIndex: Math.max(1, num("startIndex", 1)),
    count: Math.min(maxCount, Math.max(0, num("count", defaultCount))),
  };
}

/** How a list query reads one page: oldest first (a stable order), skipping to startIndex. */
export interface PageWindow {
  orderBy: [{ createdAt: "asc" }, { id: "asc" }];
  skip: number;
  take: number;
}

/** The number of resources matching, and the page of them (not read when the page holds none). */
export async function readPage<T>(
  page: Page,
  count: () => Promise<number>,
  rows: (window: PageWindow) => Promise<T[]>,
): Promise<[number, T[]]> {
  const window: PageWindow = {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: page.startIndex - 1,
    take: page.count,
  };
  return Promise.all([count(), page.count === 0 ? Promise.resolve([]) : rows(window)]);
}

export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export function listResponse<T>(resources: T[], total: number, page: Page) {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: total,
    startIndex: page.startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
