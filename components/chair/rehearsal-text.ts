// The words of 彩排 the chair console and /setup share: what 结束彩排 discards and keeps.
import type { RehearsalSpeed } from "@/server/domain/rehearsal";

export const END_REHEARSAL_QUESTION =
  "结束彩排将删除彩排中的全部内容：点评、平板和纸质测评票、计票结果和公布状态，" +
  "会议回到彩排前的状态（议程未开始、计时全部重置，每个座位码都可重新投票）。\n\n" +
  "名单、述职顺序、抽签记录、述职材料、民主测评设置、座位与座位卡、会议码和各链接保持不变。\n\n确定结束彩排吗？";

export const SPEED_CHOICES: Array<{ speed: RehearsalSpeed; label: string; hint: string }> = [
  { speed: 1, label: "1× 实时", hint: "计时与正式会议相同" },
  { speed: 10, label: "10× 加速", hint: "6 分钟的述职 36 秒走完，可看到黄色提醒和红色超时" },
];
