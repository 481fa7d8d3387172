import { MeetingForm } from "@/components/setup/meeting-form";

export default function SetupMeetingPage() {
  return <MeetingForm />;
}
