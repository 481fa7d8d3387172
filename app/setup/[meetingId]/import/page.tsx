import { RosterImport } from "@/components/setup/roster-import";

export default function SetupImportPage() {
  return <RosterImport />;
}
