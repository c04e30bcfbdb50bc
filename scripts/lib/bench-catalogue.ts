// The catalogue the readiness benches (bench:readiness, bench:dashboard) compute over, written in bulk
// into the framework 'bench-f' the caller has made: 20 requirement families and 150 requirements,
// `controls` controls each expecting one evidence kind (every third a second one), and every
// requirement mapped to two controls. Ids: 'bf'/'br' + n for requirements, 'bc' + n for controls.
type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

export async function insertBenchCatalogue(
  q: Query,
  opts: {
    /** Requirement ids start with it: "CC" gives families CC1.. and requirements CC2.1.. */
    refPrefix: string;
    /** Control keys: the prefix and a three-digit number. */
    controlKeyPrefix: string;
    controls: number;
    /** The six evidence kinds the expectations cycle through. */
    kinds: readonly string[];
  },
): Promise<void> {
  const { refPrefix, controlKeyPrefix, controls } = opts;
  await q(`INSERT INTO "Requirement"(id, "frameworkId", "refId", level, assessable, title, position)
           SELECT 'bf' || g, 'bench-f', '${refPrefix}' || g, 'family', false, 'Family ' || g, g FROM generate_series(1, 20) g`);
  await q(`INSERT INTO "Requirement"(id, "frameworkId", "refId", "parentId", level, title, position)
           SELECT 'br' || g, 'bench-f', '${refPrefix}' || (g % 20 + 1) || '.' || g, 'bf' || (g % 20 + 1), 'requirement', 'Requirement ' || g, g
           FROM generate_series(1, 150) g`);
  await q(`INSERT INTO "Control"(id, key, title, description, frequency, "updatedAt")
           SELECT 'bc' || g, '${controlKeyPrefix}' || lpad(g::text, 3, '0'), 'Control ' || g, '', 'DAILY', now() FROM generate_series(1, ${controls}) g`);
  await q(
    `INSERT INTO "ControlExpectation"("controlId", kind, "freshnessDays")
           SELECT 'bc' || g, ($1::text[])[g % 6 + 1]::"EvidenceKind", 30 FROM generate_series(1, ${controls}) g
           UNION ALL
           SELECT 'bc' || g, ($1::text[])[(g + 1) % 6 + 1]::"EvidenceKind", 90 FROM generate_series(1, ${controls}) g WHERE g % 3 = 0`,
    [opts.kinds],
  );
  await q(`INSERT INTO "ControlMapping"("controlId", "requirementId")
           SELECT DISTINCT 'bc' || ((g * 2 + k) % ${controls} + 1), 'br' || g FROM generate_series(1, 150) g, generate_series(0, 1) k`);
}
