import { refuse } from "@/lib/core/http/refusal";

// saxes keeps a whole comment, CDATA section, attribute value, processing instruction or run of text
// in memory before it hands it over (a 256 MB comment added 305 MB of RSS). This filter sits between
// the decoded text and saxes and keeps only a bounded prefix of each of them, counting the rest, so
// that what saxes holds per node is bounded whatever the body. It is a small lexer of XML's outer
// syntax: it never changes well-formed structure, and malformed input is passed on for saxes to
// refuse. A DOCTYPE is refused as soon as it starts (it is refused anyway, and would be kept whole).

/** What is kept of one comment, CDATA section, processing instruction, attribute value or text run. */
export const XML_KEEP_CHARS = 64 * 1024;
/** A start or end tag (its name, attribute names and kept values) longer than this is refused. */
export const XML_MAX_TAG_CHARS = 1024 * 1024;

export interface XmlClipStats {
  /** Characters left out, by kind of node. */
  text: number;
  comment: number;
  cdata: number;
  attribute: number;
  instruction: number;
}

type State = "text" | "lt" | "bang" | "comment" | "cdata" | "pi" | "tag" | "value";

const ENTITY_MAX = 64;
const PI_MIN_KEEP = 1024;

export class XmlClipper {
  readonly clipped: XmlClipStats = { text: 0, comment: 0, cdata: 0, attribute: 0, instruction: 0 };
  private state: State = "text";
  private carry = "";
  /** Characters of the current node's content seen so far (kept or not). */
  private run = 0;
  /** Kept text ended inside an entity reference ("&amp" without its ";"). */
  private inEntity = false;
  /** Characters of an unfinished entity reference kept past the limit so far. */
  private entityTail = 0;
  private quote = "";
  private tagChars = 0;

  constructor(
    private readonly keep = XML_KEEP_CHARS,
    private readonly maxTag = XML_MAX_TAG_CHARS,
  ) {}

  /** Filters the next piece of the document; call end() after the last. */
  push(chunk: string): string {
    const s = this.carry + chunk;
    this.carry = "";
    const out: string[] = [];
    let i = 0;
    while (i < s.length) {
      switch (this.state) {
        case "text":
        case "value": {
          const value = this.state === "value";
          const stop = value ? s.indexOf(this.quote, i) : s.indexOf("<", i);
          const end = stop < 0 ? s.length : stop;
          out.push(this.keepText(s, i, end, value));
          if (stop < 0) {
            i = s.length;
            break;
          }
          this.run = 0;
          this.inEntity = false;
          if (value) {
            out.push(this.quote);
            this.tagChars++;
            this.state = "tag";
          } else {
            this.state = "lt";
            out.push("<");
          }
          i = stop + 1;
          break;
        }
        case "lt": {
          const c = s[i];
          if (c === "!") {
            this.state = "bang";
            i++;
          } else if (c === "?") {
            out.push("?");
            this.state = "pi";
            this.run = 0;
            i++;
          } else {
            this.state = "tag";
            this.tagChars = 1;
          }
          break;
        }
        case "bang": {
          const rest = s.slice(i, i + 7);
          if (rest.startsWith("--")) {
            out.push("!--");
            this.state = "comment";
            this.run = 0;
            i += 2;
          } else if (rest === "[CDATA[") {
            out.push("![CDATA[");
            this.state = "cdata";
            this.run = 0;
            i += 7;
          } else if (rest === "DOCTYPE") {
            refuse(
              "doctype-refused",
              "The XML has a DOCTYPE. Reports with DTDs or entity declarations are refused (entities are never expanded).",
            );
          } else if (
            rest.length < 7 &&
            ("--".startsWith(rest) || "[CDATA[".startsWith(rest) || "DOCTYPE".startsWith(rest))
          ) {
            this.carry = s.slice(i); // wait for more to decide
            i = s.length;
          } else {
            out.push("!"); // not XML: saxes refuses it
            this.state = "text";
          }
          break;
        }
        case "comment":
          i = this.section(s, i, "-->", "comment", out);
          break;
        case "cdata":
          i = this.section(s, i, "]]>", "cdata", out);
          break;
        case "pi":
          i = this.section(s, i, "?>", "instruction", out);
          break;
        case "tag": {
          let j = i;
          while (j < s.length && s[j] !== ">" && s[j] !== '"' && s[j] !== "'") j++;
          this.tagChars += j - i;
          if (this.tagChars > this.maxTag)
            refuse(
              "invalid-content",
              `An XML tag is longer than ${Math.round(this.maxTag / 1024)} KB (its name and attributes); this is not a test report.`,
            );
          out.push(s.slice(i, j));
          if (j < s.length) {
            out.push(s[j]);
            if (s[j] === ">") this.state = "text";
            else {
              this.quote = s[j];
              this.state = "value";
              this.run = 0;
              this.inEntity = false;
            }
            this.tagChars++;
          }
          i = j + 1;
          break;
        }
      }
    }
    return out.join("");
  }

  /** Anything held back at the end of the document (saxes then reports what is unfinished). */
  end(): string {
    const rest = this.carry;
    this.carry = "";
    return rest;
  }

  /** Text (or an attribute value) from i to end: kept while the run is under the limit, never cut inside "&…;". */
  private keepText(s: string, i: number, end: number, value: boolean): string {
    const room = this.keep - this.run;
    this.run += end - i;
    if (room >= end - i) {
      this.track(s, i, end);
      return s.slice(i, end);
    }
    let cut = i + Math.max(0, room);
    this.track(s, i, cut);
    if (this.inEntity) {
      let amp = cut - 1;
      while (amp >= i && amp >= cut - ENTITY_MAX && s[amp] !== "&") amp--;
      if (amp >= i && s[amp] === "&") {
        cut = amp; // leave out the reference this piece started
        this.inEntity = false;
      } else {
        // finish the one an earlier piece started, across pieces if need be (saxes refuses it if it never ends)
        const budget = ENTITY_MAX - this.entityTail;
        const semi = s.indexOf(";", cut);
        if (semi >= 0 && semi < end && semi - cut < budget) {
          cut = semi + 1;
          this.inEntity = false;
        } else if (end === s.length && end - cut < budget) {
          this.entityTail += end - cut;
          cut = end;
        } else this.inEntity = false;
      }
    }
    if (!this.inEntity) this.entityTail = 0;
    if (value) this.clipped.attribute += end - cut;
    else this.clipped.text += end - cut;
    return s.slice(i, cut);
  }

  /** Whether the text kept so far ends inside an entity reference, after keeping s[from, to). */
  private track(s: string, from: number, to: number) {
    // only the last few characters matter: an entity reference is short
    for (let k = to - 1; k >= from && k >= to - ENTITY_MAX; k--) {
      if (s[k] === ";") {
        this.inEntity = false;
        return;
      }
      if (s[k] === "&") {
        this.inEntity = true;
        return;
      }
    }
    if (to - from > ENTITY_MAX) this.inEntity = false; // a reference that long is malformed anyway
  }

  /** A comment, CDATA section or instruction body up to its terminator: a prefix kept, the rest counted. */
  private section(
    s: string,
    i: number,
    terminator: string,
    kind: "comment" | "cdata" | "instruction",
    out: string[],
  ): number {
    const stop = s.indexOf(terminator, i);
    let end = stop < 0 ? s.length : stop;
    if (stop < 0) {
      // hold back what could be the start of the terminator
      let hold = 0;
      for (let k = terminator.length - 1; k > 0; k--) {
        if (s.length - k >= i && s.startsWith(terminator.slice(0, k), s.length - k)) {
          hold = k;
          break;
        }
      }
      end = s.length - hold;
      this.carry = s.slice(end);
    }
    // an instruction keeps at least its target and the XML declaration whole
    const room = (kind === "instruction" ? Math.max(this.keep, PI_MIN_KEEP) : this.keep) - this.run;
    this.run += end - i;
    let kept = room > 0 ? s.slice(i, Math.min(end, i + room)) : "";
    if (kept.length < end - i) {
      // a comment must not end in "-" once cut ("--->" is not allowed)
      if (kind === "comment") {
        let k = kept.length;
        while (k > 0 && kept[k - 1] === "-") k--;
        kept = kept.slice(0, k);
      }
      this.clipped[kind] += end - i - kept.length;
    }
    out.push(kept);
    if (stop < 0) return s.length;
    out.push(terminator);
    this.state = "text";
    this.run = 0;
    return stop + terminator.length;
  }
}
