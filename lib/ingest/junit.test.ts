import { createReadStream } from "node:fs";
import { describe, expect, it } from "vitest";
import { refusal } from "@/lib/ingest/testing/refusals";
import { expectJunitCounts, type JunitWant } from "@/lib/ingest/testing/junit-counts";
import { bytesOf, type ByteSource } from "@/lib/ingest/bytes";
import { parseJunit, type JunitFailure } from "@/lib/ingest/junit";
import { fixtureFile } from "@/lib/ingest/testing/corpus";

const fixture = (name: string) => parseJunit(createReadStream(fixtureFile(`junit/${name}`), { highWaterMark: 4096 }));
const xml = (text: string) => parseJunit(bytesOf(text, 13));

// Our own JUnit files, one per shape the tools write (lib/ingest/fixtures/junit), with what each must
// yield. The shared corpus of real tool output is read by junit.conformance.test.ts.
const FIXTURES: Array<[string, JunitWant]> = [
  ["go-packages.xml", { tests: 5, failed: 2, errored: 0, skipped: 1, outcome: "FAIL", disagree: true }], // the queue suite declares 1 test, holds 3
  ["jest-mixed.xml", { tests: 6, failed: 2, errored: 0, skipped: 1, outcome: "FAIL" }],
  ["empty-suite.xml", { tests: 0, failed: 0, errored: 0, skipped: 0, outcome: "WARN" }], // no tests at all
  ["entities-and-unicode.xml", { tests: 4, failed: 1, errored: 1, skipped: 1, outcome: "FAIL" }],
  ["multiresult.xml", { tests: 4, failed: 1, errored: 1, skipped: 1, outcome: "FAIL" }], // worst result wins
  ["disabled-and-attributes.xml", { tests: 4, failed: 1, errored: 0, skipped: 1, outcome: "FAIL" }], // status="disabled" counts as skipped
  ["nested-suites.xml", { tests: 5, failed: 0, errored: 0, skipped: 0, outcome: "PASS" }], // cases at every nesting level
  ["passing.xml", { tests: 8, failed: 0, errored: 0, skipped: 2, outcome: "PASS" }],
  ["pytest-one-failure.xml", { tests: 1, failed: 1, errored: 0, skipped: 0, outcome: "FAIL" }],
];

describe("JUnit XML: our fixtures of each tool's shape", () => {
  it.each(FIXTURES)("%s", async (name, want) => {
    expectJunitCounts(await fixture(name), want);
  });

  it("uses the declared counts when a report holds no test cases", async () => {
    const r = await fixture("declared-only.xml");
    expect(r.summary).toMatchObject({ tests: 6, failed: 1, skipped: 2, passed: 3, countsFrom: "declarations" });
    expect(r.outcome).toBe("FAIL");
    // The timestamp has no zone: read as UTC.
    expect(r.effectiveAt?.toISOString()).toBe("2026-03-05T08:15:30.250Z");
  });

  it("refuses a report that ends mid-element as truncated", async () => {
    const err = await refusal(fixture("truncated.xml"));
    expect(err.reason).toBe("truncated");
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/cut off/);
  });

  it("names the suites whose declared count disagrees with their test cases, and applies the timestamp's zone", async () => {
    const r = await fixture("go-packages.xml");
    expect((r.summary as { suitesDisagreeing: unknown[] }).suitesDisagreeing).toEqual([
      { suite: "github.com/acme/queue", declared: 1, counted: 3 },
    ]);
    expect(r.effectiveAt?.toISOString()).toBe("2026-01-12T19:20:00.000Z"); // -05:00 applied
    expect((r.summary as { failures: JunitFailure[] }).failures[0]).toMatchObject({
      name: "TestStoreGet",
      message: "Failed",
      detail: "store_test.go:41: expected 3 rows, got 2",
    });
  });

  it("keeps decoded entities, CDATA and astral characters in failures", async () => {
    const r = await fixture("entities-and-unicode.xml");
    const f = (r.summary as { failures: JunitFailure[] }).failures;
    expect(f.map((x) => [x.result, x.name, x.message, x.detail])).toEqual([
      ["failure", "Test with 'quotes' in its name", "A message with 'quotes'", "Traceback: a <raw> & unescaped body"],
      ["error", "Test with & in its name", "A message with &", "boom 𝄞 at the end"],
    ]);
  });

  it("reads failure messages that live only in attributes", async () => {
    const r = await fixture("disabled-and-attributes.xml");
    const f = (r.summary as { failures: JunitFailure[] }).failures;
    expect(f).toEqual([
      {
        suite: "math",
        classname: "math",
        name: "factorial_of_ten",
        result: "failure",
        message: "check_eq(3628800, 3628801) failed at math_test.cpp:52",
      },
    ]);
  });

  it("caps the failure list at 100 and counts the rest", async () => {
    const cases = Array.from(
      { length: 130 },
      (_, i) => `<testcase name="t${i}"><failure message="m${i}"/></testcase>`,
    ).join("");
    const r = await xml(`<testsuite name="many">${cases}</testsuite>`);
    expect((r.summary as { failures: unknown[] }).failures).toHaveLength(100);
    expect((r.summary as { failuresOmitted: number }).failuresOmitted).toBe(30);
  });
});

describe("JUnit XML: our fixtures", () => {
  it("refuses a DOCTYPE with entity declarations and never expands them", async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><testsuite name="&lol2;"><testcase name="x"/></testsuite>`;
    const err = await refusal(xml(bomb));
    expect(err.reason).toBe("doctype-refused");
    expect(err.message).toMatch(/entities are never expanded/);
    const external = `<?xml version="1.0"?><!DOCTYPE t SYSTEM "file:///etc/passwd"><testsuite/>`;
    expect((await refusal(xml(external))).reason).toBe("doctype-refused");
  });

  it("refuses an undeclared entity reference as malformed rather than expanding anything", async () => {
    const err = await refusal(xml(`<testsuite><testcase name="&secret;"/></testsuite>`));
    expect(err.reason).toBe("malformed-xml");
  });

  it("refuses XML that is not JUnit, a non-UTF-8 encoding and invalid UTF-8", async () => {
    expect((await refusal(xml(`<project><dependencies/></project>`))).message).toMatch(/root element is <project>/);
    expect((await refusal(xml(`<?xml version="1.0" encoding="ISO-8859-1"?><testsuite/>`))).reason).toBe(
      "unsupported-format",
    );
    const bad = Buffer.concat([Buffer.from('<testsuite name="'), Buffer.from([0xc3, 0x28]), Buffer.from('"/>')]);
    expect((await refusal(parseJunit(bytesOf(bad)))).reason).toBe("invalid-utf8");
  });

  it("reads properties, nested suites and system-out without keeping the output", async () => {
    const r = await xml(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="release-check" tests="3" failures="1">
  <testsuite name="api" timestamp="2026-03-01T10:00:00Z">
    <properties><property name="git.branch" value="main"/><property name="ci" value="true"/></properties>
    <testsuite name="api.auth">
      <testcase classname="auth" name="signs in" time="0.25"><system-out>${"noise ".repeat(1000)}</system-out></testcase>
      <testcase classname="auth" name="refuses a bad password" time="0.5"><failure type="AssertionError" message="expected 401">stack</failure></testcase>
    </testsuite>
    <testcase classname="api" name="health" time="0.25"><properties><property name="attempt" value="2"/></properties></testcase>
  </testsuite>
</testsuites>`);
    expect(r.summary).toMatchObject({
      tests: 3,
      failed: 1,
      passed: 2,
      suites: 2,
      durationSeconds: 1,
      countsDisagree: false,
    });
    expect((r.summary as { properties: unknown }).properties).toEqual([
      { name: "git.branch", value: "main" },
      { name: "ci", value: "true" },
    ]);
    expect(r.subject).toBe("release-check");
    expect(JSON.stringify(r.summary)).not.toContain("noise");
    expect((r.summary as { failures: JunitFailure[] }).failures[0]).toEqual({
      suite: "api.auth",
      classname: "auth",
      name: "refuses a bad password",
      result: "failure",
      type: "AssertionError",
      message: "expected 401",
      detail: "stack",
    });
  });

  it("caps failure messages and bodies, however long they are", async () => {
    const long = "x".repeat(50_000);
    const r = await xml(
      `<testsuite><testcase name="t"><failure message="${long}">${long}${long}</failure></testcase></testsuite>`,
    );
    const f = (r.summary as { failures: JunitFailure[] }).failures[0];
    expect(f.message!.length).toBeLessThan(1_100);
    expect(f.message).toMatch(/49000 more characters/);
    expect(f.detail!.length).toBeLessThan(4_100);
  });

  it("streams a large generated report and keeps only counters", async () => {
    const cases = 200_000;
    async function* report(): ByteSource {
      yield Buffer.from('<testsuites name="big"><testsuite name="s">');
      for (let i = 0; i < cases; i += 1000) {
        let chunk = "";
        for (let j = i; j < i + 1000; j++) {
          chunk +=
            j % 997 === 0
              ? `<testcase name="t${j}" time="0.001"><failure message="boom ${j}">trace</failure></testcase>`
              : `<testcase name="t${j}" time="0.001"/>`;
        }
        yield Buffer.from(chunk);
      }
      yield Buffer.from("</testsuite></testsuites>");
    }
    const r = await parseJunit(report());
    const failed = Math.ceil(cases / 997);
    expect(r.summary).toMatchObject({ tests: cases, failed, passed: cases - failed });
    expect((r.summary as { failures: unknown[] }).failures).toHaveLength(100);
  });

  it("refuses a body without a root element and one whose root is never closed", async () => {
    for (const body of ["", `<?xml version="1.0"?>`, "hello"]) {
      const err = await refusal(xml(body));
      expect([err.reason, err.message]).toEqual([
        "unknown-format",
        "The body has no XML root element, so it is not a JUnit report.",
      ]);
    }
    expect((await refusal(xml("<testsuite>"))).reason).toBe("truncated");
  });
});
