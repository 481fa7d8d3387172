// A tablet's ballot as the tests and the bench send it: the answer ("waiting" or a refusal),
// then, for a waiting ballot, the server's "ballot:counted" once it is written with others.
import type { Result } from "../domain/result";
import { call, type TestClient } from "./servers";

export interface BallotInput {
  seatCode: string;
  key: string;
  marks: Record<string, string | null>;
}

export interface Submitted {
  answer: Result<{ status: "waiting" | "already_counted" }>;
  /** True once the server said the ballot is counted (at once for "already_counted"); never settles otherwise. */
  counted: Promise<true>;
  /** Whether "counted" has arrived yet. */
  isCounted: () => boolean;
}

export async function submitBallot(tablet: TestClient, input: BallotInput): Promise<Submitted> {
  let done = false;
  let markCounted: () => void = () => {};
  const counted = new Promise<true>((resolve) => {
    markCounted = () => {
      done = true;
      tablet.off("ballot:counted", onCounted);
      resolve(true);
    };
  });
  const onCounted = ({ key }: { key: string }) => {
    if (key === input.key) markCounted();
  };
  // Listening before sending: the batch may be written before the answer arrives.
  tablet.on("ballot:counted", onCounted);
  const answer = await call<{ status: "waiting" | "already_counted" }>(tablet, "ballot:submit", input);
  if (answer.ok && answer.data.status === "already_counted") markCounted();
  if (!answer.ok) tablet.off("ballot:counted", onCounted);
  return { answer, counted, isCounted: () => done };
}
