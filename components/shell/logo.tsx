/** Proofline's mark: a tick on a rounded square, in the colours of where it stands (light card or dark sidebar). */
export function Logo({ size, on }: { size: number; on: "light" | "dark" }) {
  const [fill, stroke] = on === "light" ? ["#3949ab", "#fff"] : ["#8c9eff", "#17203a"];
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill={fill} />
      <path
        d="M9 17.5l4.5 4.5L23 11"
        fill="none"
        stroke={stroke}
        strokeWidth="3.2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
