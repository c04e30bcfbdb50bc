import Link from "next/link";
import type { ReactNode } from "react";
import type { SessionUser } from "@/lib/auth/actor";
import { roleCan, ROLE_LABELS, type Permission } from "@/lib/auth/permissions";
import { NavLink } from "@/components/shell/nav-link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Logo } from "@/components/shell/logo";

interface NavItem {
  href: string;
  label: string;
  permission: Permission;
  exact?: boolean;
}

// Links are shown to roles that may use them; the pages and APIs enforce the same rule on the server.
const WORK: NavItem[] = [
  { href: "/", label: "Overview", permission: "project:read", exact: true },
  { href: "/projects", label: "Projects", permission: "project:read" },
  { href: "/frameworks", label: "Frameworks", permission: "framework:read" },
  { href: "/controls", label: "Controls", permission: "control:read" },
  { href: "/backlog", label: "Backlog", permission: "backlog:read" },
  { href: "/audits", label: "Audits", permission: "request:read" },
];
const ADMIN: NavItem[] = [
  { href: "/activity", label: "Activity trail", permission: "activity:read" },
  { href: "/admin/users", label: "Users", permission: "user:read" },
];

export function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const visible = (items: NavItem[]) => items.filter((i) => roleCan(user.role, i.permission));
  const admin = visible(ADMIN);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar" aria-label="Main navigation">
        <Link href="/" className="brand">
          <Logo size={24} on="dark" />
          Proofline
        </Link>
        <nav className="nav" aria-label="Sections">
          <div className="nav-section">Work</div>
          {visible(WORK).map((i) => (
            <NavLink key={i.href} href={i.href} exact={i.exact}>
              {i.label}
            </NavLink>
          ))}
          {admin.length ? <div className="nav-section">Administration</div> : null}
          {admin.map((i) => (
            <NavLink key={i.href} href={i.href}>
              {i.label}
            </NavLink>
          ))}
        </nav>
        <div className="sidebar-footer">
          <div>
            <div className="who" data-testid="current-user">
              {user.name}
            </div>
            <div className="role" data-testid="current-role">
              {ROLE_LABELS[user.role]}
            </div>
          </div>
          <SignOutButton />
        </div>
      </aside>
      <div className="main">
        <main id="main" className="content">
          {children}
        </main>
      </div>
    </div>
  );
}
