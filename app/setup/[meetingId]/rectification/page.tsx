import { RectificationBoard } from "@/components/records/rectification-board";

export default function RectificationPage() {
  return <RectificationBoard />;
}
