import { SaxesParser, type SaxesTagPlain } from "saxes";
import { decodeUtf8, type ByteSource } from "@/lib/ingest/bytes";
import { CAPS, clip } from "@/lib/ingest/limits";
import { IngestRefusal, refuse } from "@/lib/core/http/refusal";
import { earliest, parseTime } from "@/lib/ingest/time";
import { XmlClipper } from "@/lib/ingest/xml-clip";
import type { ParsedEvidence } from "@/lib/ingest/types";

// JUnit XML as pytest, jest-junit, Surefire/TestNG, go-junit-report, Playwright, GoogleTest, Bazel and
// friends write it. Streamed: only counters, the open suites and a capped list of failures are held,
// so a report of any size parses in constant memory (text is only collected inside failure bodies).
// saxes holds each comment, CDATA section, attribute value and text run whole until it ends, so the
// text goes through XmlClipper first, which keeps a bounded prefix of each and counts the rest.

type Result = "failure" | "error" | "skipped";
const SEVERITY: Record<Result, number> = { skipped: 1, failure: 2, error: 3 };
const MAX_SUITE_DEPTH = 100;

interface Declared {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

interface Case {
  suite: string | undefined;
  name: string;
  classname: string | undefined;
  result: Result | null;
  type: string | undefined;
  message: string | undefined;
  detail: string;
}

export interface JunitFailure {
  suite?: string;
  classname?: string;
  name: string;
  result: "failure" | "error";
  type?: string;
  message?: string;
  detail?: string;
}

function num(v: string | undefined): number {
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

function declaredOf(a: Record<string, string>): Declared | null {
  if (!("tests" in a) && !("failures" in a) && !("errors" in a)) return null;
  return {
    tests: num(a.tests),
    failures: num(a.failures),
    errors: num(a.errors),
    skipped: num(a.skipped ?? a.skip) + num(a.disabled),
  };
}

/** A result implied by a status attribute when the testcase has no result element (tst, GoogleTest). */
function statusResult(status: string | undefined): Result | null {
  switch ((status ?? "").toLowerCase()) {
    case "failed":
    case "fail":
    case "failure":
      return "failure";
    case "errored":
    case "error":
      return "error";
    case "disabled":
    case "notrun":
    case "skipped":
    case "skip":
      return "skipped";
    default:
      return null;
  }
}

export async function parseJunit(source: ByteSource): Promise<ParsedEvidence> {
  const parser = new SaxesParser({ position: true });
  const clipper = new XmlClipper();
  const suites: Array<{ name: string | undefined; declaredTests: number | null; counted: number }> = [];
  const disagreements: Array<{ suite: string; declared: number; counted: number }> = [];
  let root: string | null = null;
  let rootName: string | undefined;
  let rootDeclared: Declared | null = null;
  const topDeclared: Declared = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  let anyTopDeclared = false;
  const topSuites: Array<string | undefined> = [];
  const count = { tests: 0, passed: 0, failed: 0, errored: 0, skipped: 0, suites: 0 };
  let duration = 0;
  let firstTimestamp: Date | undefined;
  const failures: JunitFailure[] = [];
  let failuresOmitted = 0;
  const properties: Array<{ name: string; value: string }> = [];
  let current: Case | null = null;
  let capturing = false;
  let inProperties = 0;

  const capture = (t: string) => {
    if (current && current.detail.length < CAPS.detail)
      current.detail += t.slice(0, CAPS.detail + 1 - current.detail.length);
  };

  parser.on("xmldecl", (decl) => {
    if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) {
      refuse("unsupported-format", `The XML declares encoding "${decl.encoding}"; send the report as UTF-8.`);
    }
  });
  parser.on("doctype", () =>
    refuse(
      "doctype-refused",
      "The XML has a DOCTYPE. Reports with DTDs or entity declarations are refused (entities are never expanded).",
    ),
  );
  parser.on("opentag", (node) => {
    const tag = node as SaxesTagPlain;
    const a = tag.attributes as Record<string, string>;
    if (root === null) {
      if (tag.name !== "testsuites" && tag.name !== "testsuite") {
        refuse(
          "unknown-format",
          `The XML's root element is <${tag.name}>, not <testsuites> or <testsuite>: this is not a JUnit report.`,
        );
      }
      root = tag.name;
      rootName = a.name || undefined;
      if (tag.name === "testsuites") rootDeclared = declaredOf(a);
    }
    switch (tag.name) {
      case "testsuite": {
        if (suites.length >= MAX_SUITE_DEPTH)
          refuse("invalid-content", `Test suites are nested more than ${MAX_SUITE_DEPTH} levels deep.`);
        if (suites.length === 0) {
          topSuites.push(a.name || undefined);
          const d = declaredOf(a);
          if (d) {
            anyTopDeclared = true;
            topDeclared.tests += d.tests;
            topDeclared.failures += d.failures;
            topDeclared.errors += d.errors;
            topDeclared.skipped += d.skipped;
          }
        }
        suites.push({ name: a.name || undefined, declaredTests: "tests" in a ? num(a.tests) : null, counted: 0 });
        count.suites++;
        firstTimestamp = earliest(firstTimestamp, parseTime(a.timestamp));
        break;
      }
      case "testcase":
        current = {
          suite: suites.at(-1)?.name,
          name: a.name ?? "",
          classname: a.classname || a.class || undefined,
          result: statusResult(a.status),
          type: undefined,
          message: undefined,
          detail: "",
        };
        if (current.result === "failure" || current.result === "error") current.message = a.message;
        duration += num(a.time);
        break;
      case "failure":
      case "error":
      case "skipped":
        if (current) {
          const result = tag.name as Result;
          if (!current.result || SEVERITY[result] >= SEVERITY[current.result]) {
            if (current.result !== result) current.detail = "";
            current.result = result;
            current.type = a.type || undefined;
            current.message = a.message || current.message;
          }
          if (result !== "skipped" && current.result === result) {
            capturing = true;
            parser.on("text", capture);
            parser.on("cdata", capture);
          }
        }
        break;
      case "properties":
        inProperties++;
        break;
      case "property":
        if (inProperties && !current && properties.length < CAPS.properties && a.name) {
          properties.push({ name: a.name, value: clip(a.value ?? "", CAPS.propertyValue) ?? "" });
        }
        break;
    }
  });
  parser.on("closetag", (node) => {
    switch (node.name) {
      case "testsuite": {
        const suite = suites.pop();
        if (
          suite &&
          suite.declaredTests !== null &&
          suite.declaredTests !== suite.counted &&
          disagreements.length < CAPS.listItems
        ) {
          disagreements.push({
            suite: suite.name ?? "(unnamed suite)",
            declared: suite.declaredTests,
            counted: suite.counted,
          });
        }
        break;
      }
      case "properties":
        inProperties--;
        break;
      case "failure":
      case "error":
      case "skipped":
        if (capturing) {
          capturing = false;
          parser.off("text");
          parser.off("cdata");
        }
        break;
      case "testcase":
        if (current) finish(current);
        current = null;
        break;
    }
  });

  function finish(c: Case) {
    count.tests++;
    for (const suite of suites) suite.counted++;
    if (c.result === null) count.passed++;
    else if (c.result === "skipped") count.skipped++;
    else {
      if (c.result === "failure") count.failed++;
      else count.errored++;
      if (failures.length < CAPS.listItems) {
        failures.push({
          suite: c.suite,
          classname: c.classname,
          name: c.name || "(unnamed test)",
          result: c.result,
          type: c.type,
          message: clip(c.message, CAPS.message),
          detail: clip(c.detail.trim() || undefined, CAPS.detail),
        });
      } else failuresOmitted++;
    }
  }

  try {
    for await (const text of decodeUtf8(source)) parser.write(clipper.push(text));
    parser.write(clipper.end());
    parser.close();
  } catch (err) {
    if (err instanceof IngestRefusal) throw err;
    const message = (err as Error).message.replace(/^undefined:/, "").trim();
    if (root === null && /text data outside of root node|document must contain a root element/i.test(message)) {
      refuse("unknown-format", "The body has no XML root element, so it is not a JUnit report.");
    }
    if (/unclosed tag|unexpected end|document must contain a root/i.test(message)) {
      refuse("truncated", `The XML ends before its elements are closed (was the file cut off?): ${message}.`);
    }
    refuse("malformed-xml", `The XML is not well-formed: ${message}.`);
  }
  if (root === null) refuse("unknown-format", "The body has no XML root element, so it is not a JUnit report.");

  const declared = rootDeclared ?? (anyTopDeclared ? topDeclared : null);
  // A report that declares counts but holds no test cases (some runners write only the summary).
  const fromDeclarations = count.tests === 0 && declared !== null && declared.tests > 0;
  const totals = fromDeclarations
    ? {
        tests: declared.tests,
        failed: declared.failures,
        errored: declared.errors,
        skipped: declared.skipped,
        passed: Math.max(0, declared.tests - declared.failures - declared.errors - declared.skipped),
      }
    : {
        tests: count.tests,
        failed: count.failed,
        errored: count.errored,
        skipped: count.skipped,
        passed: count.passed,
      };
  const countsDisagree =
    !fromDeclarations &&
    ((declared !== null &&
      (declared.tests !== count.tests || declared.failures !== count.failed || declared.errors !== count.errored)) ||
      disagreements.length > 0);

  const broken = totals.failed + totals.errored;
  const outcome = broken > 0 ? "FAIL" : totals.tests === 0 ? "WARN" : "PASS";
  const outcomeReason =
    broken > 0
      ? `${totals.failed} failed and ${totals.errored} errored test(s): any failed or errored test fails the report.`
      : totals.tests === 0
        ? "The report holds no tests."
        : `All ${totals.tests - totals.skipped} test(s) that ran passed.`;
  const name = rootName ?? (topSuites.length === 1 ? topSuites[0] : undefined);
  return {
    kind: "TEST_REPORT",
    format: "junit",
    title: `${name ? `${name}: ` : "Tests: "}${totals.tests} tests, ${totals.failed} failed, ${totals.errored} errors, ${totals.skipped} skipped`,
    outcome,
    outcomeReason,
    subject: name,
    effectiveAt: firstTimestamp,
    summary: {
      ...totals,
      suites: count.suites,
      durationSeconds: Math.round(duration * 1000) / 1000,
      countsFrom: fromDeclarations ? "declarations" : "testcases",
      declared,
      countsDisagree,
      suitesDisagreeing: fromDeclarations ? [] : disagreements,
      failures,
      failuresOmitted,
      properties,
      ...(Object.values(clipper.clipped).some((n) => n > 0) ? { charactersLeftOut: clipper.clipped } : {}),
    },
  };
}
