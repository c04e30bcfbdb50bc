import { describe, expect, it } from "vitest";
import { clientAddress, normaliseAddress } from "@/lib/auth/client-address";

describe("clientAddress", () => {
  it("takes the entry our own proxy appended, not what the client wrote before it", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4, 203.0.113.7" }, 1)).toBe("203.0.113.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.7, 10.0.0.2" }), 2)).toBe("203.0.113.7");
    expect(clientAddress({ "x-forwarded-for": "203.0.113.7" })).toBe("203.0.113.7");
  });
  it("reads unknown when there is nothing usable", () => {
    expect(clientAddress({})).toBe("unknown");
    expect(clientAddress({ "x-forwarded-for": "not-an-address" })).toBe("unknown");
    expect(clientAddress({ "x-forwarded-for": "203.0.113.7" }, 5)).toBe("unknown");
  });
  it("normalises ports, mapped IPv4 and IPv6 (to its /64)", () => {
    expect(normaliseAddress("203.0.113.7:51234")).toBe("203.0.113.7");
    expect(normaliseAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(normaliseAddress("[2001:db8:1:2::5]:443")).toBe("2001:db8:1:2::/64");
    expect(normaliseAddress("2001:0db8:0001:0002:ffff:1:2:3")).toBe("2001:db8:1:2::/64");
    expect(normaliseAddress("::1")).toBe("0:0:0:0::/64");
  });
});
