// The projector's stage, one screen per agenda position. Sizes are in viewport units
// (min of vh and vw, so a 4:3 projector still fits) because the hall reads it from 20 m.
import type { ReactNode } from "react";
import { countdownAt, PHASE_BAR, PHASE_TEXT } from "@/components/timer/countdown";
import type { SpeakerStage } from "@/server/domain/meeting-types";
import { AGENDA_ORDER, closingSectionOf, hallState, type HallState, type MeetingSnapshot, type SpeakerSummary, type VotingProgress } from "@/server/domain/snapshot";
import { formatDuration } from "@/server/domain/timer";
import { agendaItemLabel, CLOSING_SECTION_LABEL, closingPointLabel, comradeName, formatMeetingDate, overtimeLabel } from "./hall-labels";
import { EvaluationScreen } from "./voting-screens";

const TEXT = {
  item: "text-[min(4.2vh,2.4vw)]",
  speaker: "text-[min(7.2vh,4vw)]",
  label: "text-[min(6vh,3.4vw)]",
  // At least a third of the screen height for the digits themselves (glyphs are ~0.73em).
  digits: "text-[min(50vh,28vw)]",
  headline: "text-[min(15vh,9vw)]",
  body: "text-[min(4vh,2.3vw)]",
  next: "text-[min(4vh,2.3vw)]",
};

/** `progress`: the newest 民主测评 counts (the snapshot's, or a later `voting:progressed`). */
export function ProjectorStage({ snapshot, now, progress }: { snapshot: MeetingSnapshot; now: number; progress: VotingProgress }) {
  const hall = hallState(snapshot, now);
  const key = hall.item.key;
  switch (key) {
    case "pending":
      return <PendingScreen snapshot={snapshot} hall={hall} />;
    case "reports":
      return <ReportScreen snapshot={snapshot} hall={hall} now={now} />;
    case "evaluation":
      return <EvaluationScreen snapshot={snapshot} progress={progress} itemLine={<ItemLine hall={hall} />} />;
    case "closing":
      return <ClosingScreen snapshot={snapshot} hall={hall} />;
    case "closed":
      return <ClosedScreen snapshot={snapshot} />;
    default: {
      const unknown: never = key;
      throw new Error(`unknown agenda position ${String(unknown)}`);
    }
  }
}

/** "第一项议程 各党(工)委书记述职" in the top-left corner of the stage. */
function ItemLine({ hall }: { hall: HallState }) {
  const key = hall.item.key;
  return (
    <p data-testid="projector-item" className={`${TEXT.item} font-medium tracking-wide text-slate-300`}>
      {key !== "pending" && key !== "closed" && <span className="text-amber-200">{agendaItemLabel(key)}</span>}
      {key !== "pending" && key !== "closed" && " "}
      <span>{hall.item.title}</span>
    </p>
  );
}

/** Unit, title and name; the text content reads "城东街道党工委 书记 张XX同志". */
function SpeakerName({ speaker, testId }: { speaker: SpeakerSummary; testId?: string }) {
  return (
    <span data-testid={testId}>
      <span className="text-slate-200">{speaker.unit}</span>{" "}
      {speaker.title && (
        <>
          <span className="text-slate-300">{speaker.title}</span>{" "}
        </>
      )}
      <span className="font-bold text-white">{comradeName(speaker.name)}</span>
    </span>
  );
}

function NextLine({ label, next }: { label: string; next: SpeakerSummary | null }) {
  if (!next) return null;
  return (
    <p data-testid="projector-next" className={`${TEXT.next} truncate text-slate-400`}>
      <span className="text-slate-500">{label}：</span>
      <span className="text-slate-200">{next.unit}</span> {next.title} {comradeName(next.name)}
      {next.mode === "written" && <span className="ml-[1vw] text-slate-500">（书面述职）</span>}
    </p>
  );
}

function Frame({ top, children, bottom }: { top: ReactNode; children: ReactNode; bottom?: ReactNode }) {
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="px-[4vw] pt-[2.5vh]">{top}</div>
      <div className="flex min-h-0 flex-1 flex-col items-center justify-center">{children}</div>
      {bottom && <div className="border-t border-slate-800 px-[4vw] py-[2vh]">{bottom}</div>}
    </div>
  );
}

function PendingScreen({ snapshot, hall }: { snapshot: MeetingSnapshot; hall: HallState }) {
  const { meeting } = snapshot;
  const place = [formatMeetingDate(meeting.date), meeting.venue].filter((part) => part.trim() !== "").join(" · ");
  return (
    <Frame top={<ItemLine hall={hall} />} bottom={<NextLine label="首先述职" next={hall.next} />}>
      {place && <p className={`${TEXT.body} mb-[5vh] text-slate-300`}>{place}</p>}
      <h2 className="mb-[3vh] text-[min(6vh,3.6vw)] font-bold tracking-[0.3em] text-white">会议议程</h2>
      <ol className="space-y-[1.6vh] text-[min(5vh,2.9vw)] text-slate-100">
        {AGENDA_ORDER.map((key) => (
          <li key={key} className="flex gap-[1vw]">
            <span className="text-amber-200">{agendaItemLabel(key)}</span>
            <span>{meeting.agenda[key].title}</span>
          </li>
        ))}
      </ol>
    </Frame>
  );
}

function ReportScreen({ snapshot, hall, now }: { snapshot: MeetingSnapshot; hall: HallState; now: number }) {
  const speaker = hall.speaker;
  const stage = hall.stage;
  let body: ReactNode = null;
  if (speaker?.mode === "written") body = <WrittenBlock />;
  else if (speaker && stage === "review") body = <ReviewBlock snapshot={snapshot} hall={hall} speakerId={speaker.id} />;
  else if (speaker && stage) body = <CountdownBlock snapshot={snapshot} now={now} stage={stage} />;

  return (
    <Frame top={<ItemLine hall={hall} />} bottom={<NextLine label="下一位" next={hall.next} />}>
      {speaker && (
        <p className={`${TEXT.speaker} w-full px-[4vw] text-center leading-tight text-balance`}>
          {stage === "ready" && speaker.mode === "onsite" && <span className="text-slate-400">请 </span>}
          <SpeakerName speaker={speaker} testId="projector-speaker" />
          {stage === "ready" && speaker.mode === "onsite" && <span className="text-slate-400"> 述职</span>}
        </p>
      )}
      {body}
    </Frame>
  );
}

/** The countdown: the largest thing on screen, with a bar across the full width under it. */
function CountdownBlock({ snapshot, now, stage }: { snapshot: MeetingSnapshot; now: number; stage: SpeakerStage }) {
  const view = countdownAt(snapshot, now);
  const overtime = view.phase === "overtime";
  let label: ReactNode;
  if (overtime) {
    label = (
      <span data-testid="projector-timeup" className="font-bold tracking-[0.3em] text-red-500">
        时间到
      </span>
    );
  } else if (stage === "ready") {
    label = <span className="tracking-[0.3em] text-slate-300">准备</span>;
  } else if (!view.running) {
    label = <span className="tracking-[0.3em] text-amber-300">暂停</span>;
  } else {
    label = <span className="tracking-[0.2em] text-slate-400">剩余时间</span>;
  }
  // In overtime the bar stays full and red rather than vanishing.
  const barWidth = overtime ? 100 : view.fraction * 100;
  return (
    <div className="flex w-full flex-col items-center">
      <p className={`${TEXT.label} mt-[2.5vh] leading-none`}>{label}</p>
      <p
        data-testid="projector-countdown"
        className={`${TEXT.digits} tabular -mt-[2vh] font-bold leading-[0.9] tracking-tight ${PHASE_TEXT[view.phase]} ${view.running ? "" : "opacity-70"}`}
      >
        {view.clock}
      </p>
      <div className="mt-[1vh] h-[2.2vh] w-full bg-slate-800" role="presentation">
        <div
          className={`h-full ${PHASE_BAR[view.phase]} transition-[width] duration-200 ease-linear`}
          style={{ width: `${barWidth}%` }}
        />
      </div>
    </div>
  );
}

function ReviewBlock({ snapshot, hall, speakerId }: { snapshot: MeetingSnapshot; hall: HallState; speakerId: string }) {
  const record = snapshot.live.records[speakerId];
  const spokenMs = record?.spokenMs ?? hall.timer.elapsedMs;
  const overtimeMs = record?.overtimeMs ?? Math.max(0, spokenMs - hall.timer.limitMs);
  return (
    <div className="flex flex-col items-center gap-[4vh] pt-[2vh]">
      <p className={`${TEXT.headline} font-bold leading-none tracking-[0.4em] text-white`}>点评</p>
      <p data-testid="projector-used" className="tabular text-[min(7vh,4vw)] text-slate-300">
        述职用时 <span className="font-bold text-slate-100">{formatDuration(spokenMs)}</span>
        {overtimeMs >= 1000 && (
          <span className="ml-[2vw] text-red-400">
            超时 <span className="font-bold">{overtimeLabel(overtimeMs)}</span>
          </span>
        )}
      </p>
    </div>
  );
}

function WrittenBlock() {
  return (
    <div className="flex flex-col items-center gap-[4vh] pt-[2vh]">
      <p className={`${TEXT.headline} font-bold leading-none tracking-[0.3em] text-white`}>书面述职</p>
      <p className="text-[min(6vh,3.4vw)] tracking-[0.3em] text-slate-300">点评</p>
    </div>
  );
}

function ClosingScreen({ snapshot, hall }: { snapshot: MeetingSnapshot; hall: HallState }) {
  const points = snapshot.meeting.closingPoints;
  const current = hall.closingPoint;
  const currentPoint = current ? points[current.index] : undefined;
  return (
    <Frame top={<ItemLine hall={hall} />}>
      {current && currentPoint ? (
        <div className="flex max-w-[88vw] flex-col items-center gap-[2vh]">
          <p className="text-[min(4vh,2.3vw)] tracking-[0.3em] text-amber-200">{CLOSING_SECTION_LABEL[closingSectionOf(currentPoint)]}</p>
          <p data-testid="projector-point" className="text-center text-[min(7.5vh,4.2vw)] leading-snug font-bold text-balance text-white">
            {closingPointLabel(points, current.index)}
          </p>
        </div>
      ) : (
        <p className={`${TEXT.headline} font-bold tracking-[0.3em] text-white`}>{hall.item.title}</p>
      )}
      {points.length > 1 && (
        <ol className="mt-[6vh] grid max-w-[80vw] grid-cols-[auto_minmax(0,1fr)] gap-x-[1.2vw] gap-y-[1.2vh] text-[min(3.2vh,1.9vw)]">
          {points.map((point, index) => (
            <li key={index} className={`contents ${index === current?.index ? "text-amber-200" : "text-slate-400"}`}>
              <span className="text-slate-500">
                {index === 0 || closingSectionOf(points[index - 1]) !== closingSectionOf(point) ? CLOSING_SECTION_LABEL[closingSectionOf(point)] : ""}
              </span>
              <span className="truncate">{closingPointLabel(points, index)}</span>
            </li>
          ))}
        </ol>
      )}
    </Frame>
  );
}

function ClosedScreen({ snapshot }: { snapshot: MeetingSnapshot }) {
  const { meeting } = snapshot;
  const place = [formatMeetingDate(meeting.date), meeting.venue].filter((part) => part.trim() !== "").join(" · ");
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-[5vh]">
      <p data-testid="projector-item" className={`${TEXT.headline} font-bold leading-none tracking-[0.3em] text-white`}>
        会议结束
      </p>
      {place && <p className={`${TEXT.body} text-slate-400`}>{place}</p>}
    </div>
  );
}
