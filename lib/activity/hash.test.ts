import { describe, expect, it } from "vitest";
import { GENESIS_HASH, canonicalJson, eventHash, normaliseSummary } from "@/lib/activity/hash";

const base = {
  occurredAt: new Date("2026-01-02T03:04:05.678Z"),
  actorType: "user",
  actorId: "u1",
  actorLabel: "a@b.test",
  action: "project.create",
  entityType: "Project",
  entityId: "p1",
  projectId: "p1",
  summary: { after: { name: "A", slug: "a" } },
  requestId: "r1",
};

describe("canonicalJson", () => {
  it("does not depend on key order, at any depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
  it("drops undefined members like JSON does", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});

describe("eventHash", () => {
  it("is stable for the same content and previous hash", () => {
    expect(eventHash(GENESIS_HASH, base)).toBe(
      eventHash(GENESIS_HASH, { ...base, summary: { after: { slug: "a", name: "A" } } }),
    );
    expect(eventHash(GENESIS_HASH, base)).toMatch(/^[0-9a-f]{64}$/);
  });
  it("changes when any field or the previous hash changes", () => {
    const h = eventHash(GENESIS_HASH, base);
    expect(eventHash("1".repeat(64), base)).not.toBe(h);
    expect(eventHash(GENESIS_HASH, { ...base, action: "project.update" })).not.toBe(h);
    expect(eventHash(GENESIS_HASH, { ...base, summary: { after: { name: "B", slug: "a" } } })).not.toBe(h);
    expect(eventHash(GENESIS_HASH, { ...base, occurredAt: new Date("2026-01-02T03:04:05.679Z") })).not.toBe(h);
  });
  it("hashes a summary the same before and after the JSON round trip it makes through the database", () => {
    const summary = normaliseSummary({ when: new Date("2026-01-01T00:00:00Z"), n: 1, skip: undefined });
    const roundTripped = JSON.parse(JSON.stringify(summary));
    expect(eventHash(GENESIS_HASH, { ...base, summary })).toBe(
      eventHash(GENESIS_HASH, { ...base, summary: roundTripped }),
    );
    expect(summary).toEqual({ when: "2026-01-01T00:00:00.000Z", n: 1 });
  });
});
