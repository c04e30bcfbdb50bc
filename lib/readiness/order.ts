/** "CC6.2" before "CC6.10"; one shared collator (creating one per comparison is slow). */
export const naturalOrder: (a: string, b: string) => number = new Intl.Collator("en", { numeric: true }).compare;
