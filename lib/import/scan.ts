// Small scanners that replace patterns a backtracking regex engine would run in more than linear
// time on crafted input. Each is a single pass (or a pass plus constant-time look-ups).

/**
 * "Where is the next `char` at or after position i?" in O(1) after one O(n) pass from the end. A
 * scanner that tries a match at every opening bracket asks this instead of scanning to the end each
 * time, which is what makes `\[[^\]]*\]`-style patterns quadratic.
 */
export class NextIndex {
  private readonly next: Int32Array;
  constructor(text: string, char: string) {
    this.next = new Int32Array(text.length + 1);
    let at = -1;
    this.next[text.length] = -1;
    for (let i = text.length - 1; i >= 0; i--) {
      if (text[i] === char) at = i;
      this.next[i] = at;
    }
  }

  /** The first index >= i holding the character, or -1. */
  after(i: number): number {
    return i >= this.next.length ? -1 : this.next[Math.max(0, i)];
  }
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * What `\s+(.*)$` (or `\s*(.*)$`) leaves as the rest of a line: the text after its leading white
 * space, or null when a line break remains (`.` stops at it, and `$` is only the end of the text).
 */
export function restOfLine(text: string): string | null {
  const rest = text.trimStart();
  return LINE_BREAK.test(rest) ? null : rest;
}

/** `s.replace(/[chars]+$/, "")` in one pass from the end. */
export function trimEndChars(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1])) end--;
  return s.slice(0, end);
}

/** `s.replace(/^[chars]+|[chars]+$/g, "")` in one pass from each end. */
export function trimChars(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && chars.includes(s[start])) start++;
  return trimEndChars(s.slice(start), chars);
}
