import { describe, expect, it } from "vitest";
import { parseFilter, parsePage } from "@/lib/scim/filter";
import { ScimError } from "@/lib/scim/errors";

describe("SCIM filters as identity providers send them", () => {
  it("reads Okta's and Entra ID's filters", () => {
    expect(parseFilter('userName eq "ada@example.com"')).toEqual([{ attr: "username", value: "ada@example.com" }]);
    expect(parseFilter('externalId eq "0a21f0f2-8d2a"')).toEqual([{ attr: "externalid", value: "0a21f0f2-8d2a" }]);
    expect(parseFilter('displayName eq "grc"')).toEqual([{ attr: "displayname", value: "grc" }]);
    expect(parseFilter('id eq "g1" and members[value eq "u1"]')).toEqual([
      { attr: "id", value: "g1" },
      { attr: "members.value", value: "u1" },
    ]);
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName EQ "a\\"b"')).toEqual([
      { attr: "username", value: 'a"b' },
    ]);
    expect(parseFilter(null)).toEqual([]);
    expect(parseFilter("  ")).toEqual([]);
  });

  it("refuses other operators, or, unterminated strings and overlong filters with invalidFilter", () => {
    for (const f of [
      'userName co "a"',
      'userName eq "a" or userName eq "b"',
      'userName eq "a',
      "userName eq a",
      `userName eq "${"a".repeat(1000)}"`,
      '(userName eq "a")',
    ]) {
      const err = (() => {
        try {
          parseFilter(f);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ScimError);
      expect((err as ScimError).scimType).toBe("invalidFilter");
    }
  });

  it("takes startIndex and count as RFC 7644 says", () => {
    const p = (q: string) => parsePage(new URLSearchParams(q));
    expect(p("")).toEqual({ startIndex: 1, count: 100 });
    expect(p("startIndex=0&count=-5")).toEqual({ startIndex: 1, count: 0 });
    expect(p("startIndex=11&count=10")).toEqual({ startIndex: 11, count: 10 });
    expect(p("count=100000")).toEqual({ startIndex: 1, count: 200 });
    expect(() => p("count=ten")).toThrow(ScimError);
  });
});
