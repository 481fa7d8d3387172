import { SetupRecordsPage } from "@/components/records/setup-records-page";

export default function RecordsPage() {
  return <SetupRecordsPage />;
}
