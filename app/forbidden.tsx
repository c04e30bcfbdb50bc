import { StatusPage } from "@/components/shell/status-page";

export default function Forbidden() {
  return (
    <StatusPage title="You do not have access to this page" testId="forbidden">
      Your role does not include this area of Proofline. If you need it, ask an admin to change your role.
    </StatusPage>
  );
}
