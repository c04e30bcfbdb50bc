import { createReadStream } from "node:fs";
import { describe, expect, it } from "vitest";
import { bytesOf, type ByteSource } from "@/lib/ingest/bytes";
import { parseJunit, type JunitFailure } from "@/lib/ingest/junit";
import { IngestRefusal } from "@/lib/ingest/refusal";
import { corpusFile } from "@/lib/ingest/testing/corpus";

const corpus = (name: string) => parseJunit(createReadStream(corpusFile(`junit/${name}`), { highWaterMark: 4096 }));
const xml = (text: string) => parseJunit(bytesOf(text, 13));

async function refusal(p: Promise<unknown>): Promise<IngestRefusal> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IngestRefusal);
  return err as IngestRefusal;
}

// Every JUnit file in the shared corpus, with what it must yield. Counts come from the test cases;
// the tool that wrote each file and what is odd about it are in ../shared/corpus/SOURCES.md.
const CORPUS: Array<[string, { tests: number; failed: number; errored: number; skipped: number; outcome: string; disagree?: boolean }]> = [
  ["dorny_go-junit-report.xml", { tests: 5, failed: 2, errored: 0, skipped: 1, outcome: "FAIL", disagree: true }], // package3 declares 1 test, holds 4
  ["dorny_gtest-junit-with-message.xml", { tests: 1, failed: 1, errored: 0, skipped: 0, outcome: "FAIL", disagree: true }], // suite says 6 tests
  ["dorny_jest-junit-empty-testsuite.xml", { tests: 0, failed: 0, errored: 0, skipped: 0, outcome: "WARN" }], // no tests at all
  ["dorny_jest-junit.xml", { tests: 6, failed: 4, errored: 0, skipped: 1, outcome: "FAIL" }],
  ["dorny_jest-test-results_LARGE.xml", { tests: 4239, failed: 2, errored: 0, skipped: 30, outcome: "FAIL" }],
  ["dorny_playwright-report.xml", { tests: 60, failed: 4, errored: 0, skipped: 20, outcome: "FAIL" }],
  ["dorny_pulsar-test-report.xml", { tests: 808, failed: 1, errored: 0, skipped: 14, outcome: "FAIL" }], // a retried test counts twice
  ["dorny_pytest-report-tb-short.xml", { tests: 1, failed: 1, errored: 0, skipped: 0, outcome: "FAIL" }],
  ["dorny_python-xunit-pytest.xml", { tests: 10, failed: 2, errored: 0, skipped: 2, outcome: "FAIL", disagree: true }], // declares 15 (subtests)
  ["enricomi_bazel_suite-logs.xml", { tests: 1, failed: 0, errored: 1, skipped: 0, outcome: "FAIL" }],
  ["enricomi_junit.multiresult.xml", { tests: 4, failed: 1, errored: 1, skipped: 1, outcome: "FAIL" }], // worst result wins
  ["enricomi_no-attributes.xml", { tests: 4, failed: 1, errored: 1, skipped: 1, outcome: "FAIL" }],
  ["enricomi_pytest_junit.gloo.standalone.xml", { tests: 97, failed: 0, errored: 0, skipped: 17, outcome: "PASS" }],
  ["enricomi_scalatest_TEST-uk.co.gresearch.spark.diff.DiffOptionsSuite.xml", { tests: 5, failed: 0, errored: 0, skipped: 0, outcome: "PASS" }],
  ["enricomi_testsuite-in-testsuite.xml", { tests: 5, failed: 0, errored: 0, skipped: 0, outcome: "PASS" }], // cases at every nesting level
  ["enricomi_tst_disabled.xml", { tests: 31, failed: 19, errored: 1, skipped: 5, outcome: "FAIL" }], // status='disabled' counts as skipped
  ["enricomi_unsupported-unicode.xml", { tests: 7, failed: 2, errored: 2, skipped: 2, outcome: "FAIL" }],
  ["enricomi_with-xml-entities.xml", { tests: 4, failed: 1, errored: 1, skipped: 2, outcome: "FAIL" }],
  ["open-hostfactory-plugin_pytest_junit-unit_LARGE.xml", { tests: 994, failed: 340, errored: 38, skipped: 148, outcome: "FAIL" }],
];

describe("JUnit XML: the shared corpus", () => {
  it.each(CORPUS)("%s", async (name, want) => {
    const r = await corpus(name);
    const s = r.summary as Record<string, unknown>;
    expect({ tests: s.tests, failed: s.failed, errored: s.errored, skipped: s.skipped, outcome: r.outcome }).toEqual({
      tests: want.tests,
      failed: want.failed,
      errored: want.errored,
      skipped: want.skipped,
      outcome: want.outcome,
    });
    expect(s.passed).toBe(want.tests - want.failed - want.errored - want.skipped);
    expect(s.countsDisagree).toBe(want.disagree ?? false);
    expect(r.kind).toBe("TEST_REPORT");
  });

  it("uses the declared counts when a report holds no test cases (enricomi_no-cases-but-tests.xml)", async () => {
    const r = await corpus("enricomi_no-cases-but-tests.xml");
    expect(r.summary).toMatchObject({ tests: 6, failed: 1, skipped: 2, passed: 3, countsFrom: "declarations" });
    expect(r.outcome).toBe("FAIL");
    // The timestamp has no zone: read as UTC.
    expect(r.effectiveAt?.toISOString()).toBe("2020-09-01T07:11:23.815Z");
  });

  it("refuses the truncated pytest report as truncated (enricomi_pytest_corrupt-xml.xml ends mid-element)", async () => {
    const err = await refusal(corpus("enricomi_pytest_corrupt-xml.xml"));
    expect(err.reason).toBe("truncated");
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/cut off/);
  });

  it("names the suites whose declared count disagrees with their test cases (go-junit-report)", async () => {
    const r = await corpus("dorny_go-junit-report.xml");
    expect((r.summary as { suitesDisagreeing: unknown[] }).suitesDisagreeing).toEqual([{ suite: "github.com/company/package3", declared: 1, counted: 4 }]);
    expect(r.effectiveAt?.toISOString()).toBe("2022-10-13T21:53:32.000Z"); // -05:00 applied
  });

  it("keeps decoded entities, CDATA and astral characters in failures", async () => {
    const entities = await corpus("enricomi_with-xml-entities.xml");
    const f = (entities.summary as { failures: JunitFailure[] }).failures;
    expect(f.map((x) => [x.result, x.name, x.message])).toEqual([
      ["failure", "Test with 'apostrophe' in the test name", "A message with 'apostrophes'"],
      ["error", "Test with & in the test name", "A message with &"],
    ]);
    const unicode = await corpus("enricomi_unsupported-unicode.xml");
    expect(JSON.stringify(unicode.summary)).toContain("𒍺");
    const go = await corpus("dorny_go-junit-report.xml");
    expect((go.summary as { failures: JunitFailure[] }).failures[0]).toMatchObject({ name: "TestPackage3-1", message: "Failed", detail: "Just error here" });
  });

  it("reads failure messages that live only in attributes (tst) and caps the failure list at 100", async () => {
    const tst = await corpus("enricomi_tst_disabled.xml");
    const f = (tst.summary as { failures: JunitFailure[] }).failures;
    expect(f[0]).toMatchObject({ name: "factorial_of_value_from_fixture", message: expect.stringContaining("check_eq(3628800, 3628801)") });
    const big = await corpus("open-hostfactory-plugin_pytest_junit-unit_LARGE.xml");
    expect((big.summary as { failures: unknown[] }).failures).toHaveLength(100);
    expect((big.summary as { failuresOmitted: number }).failuresOmitted).toBe(278);
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
    expect((await refusal(xml(`<?xml version="1.0" encoding="ISO-8859-1"?><testsuite/>`))).reason).toBe("unsupported-format");
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
    expect(r.summary).toMatchObject({ tests: 3, failed: 1, passed: 2, suites: 2, durationSeconds: 1, countsDisagree: false });
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
    const r = await xml(`<testsuite><testcase name="t"><failure message="${long}">${long}${long}</failure></testcase></testsuite>`);
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
          chunk += j % 997 === 0 ? `<testcase name="t${j}" time="0.001"><failure message="boom ${j}">trace</failure></testcase>` : `<testcase name="t${j}" time="0.001"/>`;
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
      expect([err.reason, err.message]).toEqual(["unknown-format", "The body has no XML root element, so it is not a JUnit report."]);
    }
    expect((await refusal(xml("<testsuite>"))).reason).toBe("truncated");
  });
});
