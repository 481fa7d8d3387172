// The 民主测评 rule in force, in the words the 测评汇总表 and the 会议纪要 print under the
// figures (the same formulas as domain/tally.ts and the console's printed summary).
import type { RatingLevel, Tally } from "../domain/tally";

export function tallyRule(levels: RatingLevel[], tally: Pick<Tally, "weightedByCategory">): string {
  const good = levels.slice(0, 2).map((l) => l.label).join(" + ");
  return [
    `各档次占比、弃权占比 = 票数 ÷ 有效票数 × 100%；好评率 = （${good}）÷ 有效票数 × 100%，弃权计入分母；`,
    `测评得分 = Σ（档次分值 × 票数）÷（有效票数 − 弃权票数）`,
    tally.weightedByCategory ? "，按投票人类别加权：Σ（类别权重 × 类别平均分）÷ Σ 类别权重" : "",
    "；名次按得分（保留两位小数）排列，得分相同者并列。",
    `档次分值：${levels.map((l) => `${l.label} ${l.weight}`).join("，")}。`,
  ].join("");
}
