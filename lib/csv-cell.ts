// Spreadsheets run a cell as a formula when its text starts with = + - or @ (and Excel also after
// leading spaces, and for the full-width forms ＝ ＋ － ＠ that it folds to ASCII). A tab or carriage
// return at the start is read as a cell break by some importers. Every CSV Proofline writes passes its
// text cells through here: such a cell gets a leading apostrophe, which spreadsheets show as text and
// which a human reader recognises. The pattern is anchored with one quantifier: linear in the cell length.
const FORMULA_START = /^[\s\u3000\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Line ends of every CSV we write (RFC 4180). */
export const CSV_RECORD_DELIMITER = "\r\n";
