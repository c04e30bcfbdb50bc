import Link from "next/link";

/** The header button to the mapping matrix (controls against requirements), on the Controls and Frameworks pages. */
export function MappingMatrixLink() {
  return (
    <Link className="btn" href="/controls/matrix">
      Mapping matrix
    </Link>
  );
}
