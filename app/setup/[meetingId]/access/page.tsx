import { AccessPanel } from "@/components/setup/access-panel";

export default function SetupAccessPage() {
  return <AccessPanel />;
}
