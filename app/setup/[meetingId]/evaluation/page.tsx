import { EvaluationForm } from "@/components/setup/evaluation-form";

export default function SetupEvaluationPage() {
  return <EvaluationForm />;
}
