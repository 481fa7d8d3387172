// 民主测评 tally: turns the stored ballot counters into the figures of the 测评汇总表.
// Pure and free of Prisma, sockets and Node APIs, so the browser can run it too.
//
// The formulas, as the 监票人 checks them by hand. N = 有效票数, the valid ballots counted
// from all sources (废票 are not in N). One ranking rule, set in the evaluation setup, decides
// for every figure alike whether 弃权 is in the denominator: D = N when it is, N − 弃权 when not.
//   某档次票数      = counters of that level, all sources and categories added up
//   某档次占比      = 某档次票数 ÷ D × 100
//   弃权票数 / 占比 = counters with no level (a blank row) ÷ N × 100 (always of every ballot)
//   好评率          = (第一档 + 第二档, i.e. 好 + 较好) ÷ D × 100
//   测评得分        = Σ(档次分值 × 票数) ÷ D: with 弃权 in D a blank row weighs like 0 points.
//                     0 when D is 0.
//   With weighted voter categories (e.g. 区委常委 0.3 / 领导小组成员 0.3 / 党代表和群众代表 0.4):
//   测评得分        = Σ(类别权重 × 该类别得分) ÷ Σ(类别权重), 该类别得分 by the same rule, both
//                     sums over the categories whose D is not 0 for this secretary.
//   名次            = 1 + the number of secretaries ahead: ranked by the rule's figure (得分 to 2
//                     decimals, or 好评率 to 1 decimal, as displayed), ties broken by the other
//                     figure as displayed; still equal is a tie (standard competition: 1, 2, 2, 4).
// Percentages and scores are kept unrounded; they are rounded half-up only for display, and
// 好评率 is computed from counts, so it may differ in the last digit from the sum of the two
// displayed percentages.
import { fail, ok, type Result } from "./result";

export interface RatingLevel {
  id: string;
  label: string;
  /** Score points for this level, e.g. 好 = 100. */
  weight: number;
}

export interface VoterCategory {
  id: string;
  label: string;
  /** Share of the score, e.g. 0.4. Normalised, so 3 / 3 / 4 works as well as 0.3 / 0.3 / 0.4. */
  weight: number;
}

/** The one rule every figure follows; set in the evaluation setup, frozen with the tally. */
export interface RankingRule {
  /** 弃权 in the denominator of 占比, 好评率 and 得分 (true), or left out of all of them (false). */
  abstainCounts: boolean;
  /** Ranked by 得分 with 好评率 as tie-break, or the other way round. */
  rankBy: "score" | "goodRate";
}

export const DEFAULT_RANKING_RULE: RankingRule = { abstainCounts: true, rankBy: "score" };

/** The rule in words, printed under the results on the projector, the chair console and the 测评汇总表. */
/**
 * What the chair console and the printed / exported 测评汇总表 say when the close wrote fewer
 * than k electronic ballots in its last batch (docs/ballot-secrecy.md, 电子票分批写入); null
 * otherwise, and for tallies frozen before the batch was kept.
 */
export function lastBatchNote(tally: Pick<Tally, "lastBatch">): string | null {
  const last = tally.lastBatch;
  if (!last || last.ballots === 0 || last.ballots >= last.minimum) return null;
  return (
    `结束测评时还有 ${last.ballots} 张电子票在等待，已一并计入。这一批少于 ${last.minimum} 张（其余每批至少 ${last.minimum} 张），` +
    `这 ${last.ballots} 张票的保密程度相应较低：详见《民主测评的保密与计票说明》。`
  );
}

export function describeRankingRule(rule: RankingRule | undefined): string {
  if (!rule) return "计算规则：本结果冻结于排名规则设置之前——好评率以全部有效票为分母（含弃权），得分不计弃权，按得分排名。";
  const denominator = rule.abstainCounts ? "以全部有效票为分母（弃权计入分母，按 0 分计）" : "以有效票减去弃权票为分母（弃权不计入）";
  const order = rule.rankBy === "score" ? "按测评得分排名，得分相同再比好评率" : "按好评率排名，好评率相同再比测评得分";
  return `计算规则：各档占比、好评率、测评得分均${denominator}；${order}。`;
}

export type BallotSource = "electronic" | "paper";

export const BALLOT_SOURCES: readonly BallotSource[] = ["electronic", "paper"];

/**
 * Count of ballots with `levelId` (or null = 弃权) for `speakerId`, from `source`, in
 * `categoryId` (null when categories are not used). Every valid ballot adds exactly one to
 * one counter per evaluated speaker, 弃权 included; `checkTallyInput` holds callers to that.
 */
export interface VoteCounter {
  speakerId: string;
  levelId: string | null;
  source: BallotSource;
  categoryId: string | null;
  count: number;
}

export interface TallySpeaker {
  id: string;
  unit: string;
  name: string;
}

export interface TallyInput {
  /** The evaluated secretaries, in agenda order. */
  speakers: TallySpeaker[];
  levels: RatingLevel[];
  categories: VoterCategory[];
  counters: VoteCounter[];
  /** Number of valid ballots counted, per source and (when categories are used) per category. */
  ballots: { electronic: number; paper: number; byCategory?: Record<string, number> };
  /** The meeting's ranking rule; DEFAULT_RANKING_RULE when omitted. */
  rule?: RankingRule;
}

export interface Share {
  count: number;
  /** Percent of the ballots of this distribution, e.g. 62.5. */
  percent: number;
}

export interface LevelShare extends Share {
  levelId: string;
  label: string;
}

/** One row of counts over a set of ballots: all of them, one source, or one category. */
export interface Distribution {
  /** Valid ballots of this row (N); 弃权's percent is of these. */
  ballots: number;
  /** The denominator of the level percents, by the rule: N, or N − 弃权. */
  denominator: number;
  /** One entry per configured level, in configured order. */
  levels: LevelShare[];
  abstain: Share;
  /** Ballots that rated the speaker on some level (ballots − 弃权 when the input is consistent). */
  rated: number;
}

export interface CategoryTally extends Distribution {
  categoryId: string;
  label: string;
  weight: number;
  /** This category's score by the rule; 0 when its denominator is 0. */
  average: number;
}

export interface SpeakerTally extends Distribution {
  speakerId: string;
  unit: string;
  name: string;
  /** 好 + 较好 (the first two levels). */
  goodCount: number;
  /** 好评率 = goodCount ÷ denominator × 100. */
  goodRate: number;
  /** 测评得分, unrounded; see the formulas at the top of this file. */
  score: number;
  /** Standard competition ranking by the rule's figure, then the other, as displayed. */
  rank: number;
  bySource: Record<BallotSource, Distribution>;
  /** One entry per configured category, in configured order; empty when categories are not used. */
  byCategory: CategoryTally[];
}

export interface Tally {
  /** N: valid ballots counted, all sources. */
  validBallots: number;
  ballots: Record<BallotSource, number>;
  /** True when the score is the category-weighted one. */
  weightedByCategory: boolean;
  /** The rule these figures follow. Absent only on tallies frozen before the rule existed. */
  rule?: RankingRule;
  /** In agenda order, as given. */
  speakers: SpeakerTally[];
  /**
   * Set when voting closed: how many electronic ballots the close wrote together (the
   * ballots still waiting), and k, the fewest any other write holds (docs/ballot-secrecy.md).
   */
  lastBatch?: { ballots: number; minimum: number };
}

/** How many leading levels make up 好评 (好 + 较好). */
const GOOD_LEVEL_COUNT = 2;
const SCORE_DECIMALS = 2;
const PERCENT_DECIMALS = 1;

/**
 * Never throws and never yields NaN, even on inconsistent input (a counter for an unknown
 * level is ignored, a zero denominator gives 0); run `checkTallyInput` first to refuse such
 * input with a reason instead of publishing odd figures.
 */
export function computeTally(input: TallyInput): Tally {
  const { levels, categories } = input;
  const rule = input.rule ?? DEFAULT_RANKING_RULE;
  const ballots: Record<BallotSource, number> = { electronic: input.ballots.electronic, paper: input.ballots.paper };
  const validBallots = ballots.electronic + ballots.paper;
  const weightedByCategory = categories.length > 0 && categories.some((c) => c.weight > 0);

  const countersBySpeaker = new Map<string, VoteCounter[]>();
  for (const counter of input.counters) {
    const list = countersBySpeaker.get(counter.speakerId) ?? [];
    list.push(counter);
    countersBySpeaker.set(counter.speakerId, list);
  }

  const unranked = input.speakers.map((speaker) => {
    const counters = countersBySpeaker.get(speaker.id) ?? [];
    const overall = distribution(counters, levels, validBallots, rule);
    const bySource: Record<BallotSource, Distribution> = {
      electronic: distribution(
        counters.filter((c) => c.source === "electronic"),
        levels,
        ballots.electronic,
        rule,
      ),
      paper: distribution(
        counters.filter((c) => c.source === "paper"),
        levels,
        ballots.paper,
        rule,
      ),
    };
    const byCategory = categories.map((category): CategoryTally => {
      const inCategory = counters.filter((c) => c.categoryId === category.id);
      const categoryBallots = input.ballots.byCategory?.[category.id] ?? sumCounts(inCategory);
      const row = distribution(inCategory, levels, categoryBallots, rule);
      return {
        categoryId: category.id,
        label: category.label,
        weight: category.weight,
        ...row,
        average: averageScore(row, levels),
      };
    });
    const goodCount = overall.levels.slice(0, GOOD_LEVEL_COUNT).reduce((sum, level) => sum + level.count, 0);
    const score = weightedByCategory ? categoryWeightedScore(byCategory) : averageScore(overall, levels);
    return {
      speakerId: speaker.id,
      unit: speaker.unit,
      name: speaker.name,
      ...overall,
      goodCount,
      goodRate: percentOf(goodCount, overall.denominator),
      score,
      bySource,
      byCategory,
    };
  });

  // Compared as displayed, so two figures that read the same are a tie on that figure.
  const keys = unranked.map((s): [number, number] => {
    const score = roundHalfUp(s.score, SCORE_DECIMALS);
    const goodRate = roundHalfUp(s.goodRate, PERCENT_DECIMALS);
    return rule.rankBy === "score" ? [score, goodRate] : [goodRate, score];
  });
  const ahead = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
  const speakers = unranked.map((s, i): SpeakerTally => {
    const higher = keys.filter((other) => ahead(other, keys[i]!)).length;
    return { ...s, rank: higher + 1 };
  });

  return { validBallots, ballots, weightedByCategory, rule, speakers };
}

/** "62.5%": one decimal, rounded half-up as by hand (14.45 → "14.5%"). */
export function formatPercent(percent: number): string {
  return `${roundHalfUp(percent, PERCENT_DECIMALS).toFixed(PERCENT_DECIMALS)}%`;
}

/** "83.16": two decimals, rounded half-up as by hand (1.005 → "1.01"); the precision ranks use. */
export function formatScore(score: number): string {
  return roundHalfUp(score, SCORE_DECIMALS).toFixed(SCORE_DECIMALS);
}

/**
 * Refuses input whose counters do not add up, so a tally is never published from them:
 * unknown ids, negative or fractional counts, and, per speaker, counters per source (and per
 * category, when `ballots.byCategory` is given) that do not sum to the ballots counted.
 */
export function checkTallyInput(input: TallyInput): Result<TallyInput> {
  const { speakers, levels, categories, counters, ballots } = input;
  if (levels.length === 0) return fail("invalid", "未设置测评档次。");

  const duplicate =
    firstDuplicate(speakers.map((s) => s.id)) ??
    firstDuplicate(levels.map((l) => l.id)) ??
    firstDuplicate(categories.map((c) => c.id));
  if (duplicate !== undefined) return fail("invalid", `编号重复：${duplicate}`);

  const badLevel = levels.find((l) => !Number.isFinite(l.weight));
  if (badLevel) return fail("invalid", `档次“${badLevel.label}”的分值无效。`);
  const badCategory = categories.find((c) => !Number.isFinite(c.weight) || c.weight < 0);
  if (badCategory) return fail("invalid", `类别“${badCategory.label}”的权重无效。`);

  for (const source of BALLOT_SOURCES) {
    if (!isCount(ballots[source])) return fail("invalid", `${SOURCE_LABEL[source]}数无效：${ballots[source]}`);
  }

  const speakerById = new Map(speakers.map((s) => [s.id, s]));
  const levelIds = new Set(levels.map((l) => l.id));
  const categoryIds = new Set(categories.map((c) => c.id));

  if (ballots.byCategory !== undefined) {
    if (categories.length === 0) return fail("invalid", "未启用投票人类别，却给出了分类别票数。");
    for (const [categoryId, count] of Object.entries(ballots.byCategory)) {
      if (!categoryIds.has(categoryId)) return fail("invalid", `未知的投票人类别：${categoryId}`);
      if (!isCount(count)) return fail("invalid", `类别 ${categoryId} 的票数无效：${count}`);
    }
    const categorySum = sumValues(ballots.byCategory);
    const total = ballots.electronic + ballots.paper;
    if (categorySum !== total) {
      return fail("invalid", `各类别票数合计(${categorySum})与有效票数(${total})不符。`);
    }
  }

  for (const counter of counters) {
    if (!speakerById.has(counter.speakerId)) return fail("invalid", `计数指向未知的被测评人：${counter.speakerId}`);
    if (counter.levelId !== null && !levelIds.has(counter.levelId)) {
      return fail("invalid", `计数指向未知的档次：${counter.levelId}`);
    }
    if (categories.length === 0 && counter.categoryId !== null) {
      return fail("invalid", `未启用投票人类别，计数却注明了类别：${counter.categoryId}`);
    }
    if (categories.length > 0 && (counter.categoryId === null || !categoryIds.has(counter.categoryId))) {
      return fail("invalid", `计数的投票人类别无效：${counter.categoryId ?? "未注明"}`);
    }
    if (!isCount(counter.count)) return fail("invalid", `计数无效：${counter.count}`);
  }

  for (const speaker of speakers) {
    const own = counters.filter((c) => c.speakerId === speaker.id);
    for (const source of BALLOT_SOURCES) {
      const sum = sumCounts(own.filter((c) => c.source === source));
      if (sum !== ballots[source]) {
        return fail(
          "invalid",
          `${speaker.unit}${speaker.name}：${SOURCE_LABEL[source]}计数合计(${sum})与计入的${SOURCE_LABEL[source]}数(${ballots[source]})不符。`,
        );
      }
    }
    if (ballots.byCategory === undefined) continue;
    for (const category of categories) {
      const expected = ballots.byCategory[category.id] ?? 0;
      const sum = sumCounts(own.filter((c) => c.categoryId === category.id));
      if (sum !== expected) {
        return fail(
          "invalid",
          `${speaker.unit}${speaker.name}：“${category.label}”计数合计(${sum})与该类别票数(${expected})不符。`,
        );
      }
    }
  }
  return ok(input);
}

// ---- arithmetic -------------------------------------------------------------------

const SOURCE_LABEL: Record<BallotSource, string> = { electronic: "电子票", paper: "纸质票" };

function distribution(counters: VoteCounter[], levels: RatingLevel[], ballots: number, rule: RankingRule): Distribution {
  const abstain = sumCounts(counters.filter((c) => c.levelId === null));
  const denominator = rule.abstainCounts ? ballots : Math.max(0, ballots - abstain);
  const levelShares = levels.map((level): LevelShare => {
    const count = sumCounts(counters.filter((c) => c.levelId === level.id));
    return { levelId: level.id, label: level.label, count, percent: percentOf(count, denominator) };
  });
  return {
    ballots,
    denominator,
    levels: levelShares,
    abstain: { count: abstain, percent: percentOf(abstain, ballots) },
    rated: levelShares.reduce((sum, level) => sum + level.count, 0),
  };
}

/** Σ(level weight × count) ÷ the row's denominator (the rule's); unknown levels score nothing. 0 when it is 0. */
function averageScore(row: Distribution, levels: RatingLevel[]): number {
  let points = 0;
  for (const [i, level] of levels.entries()) points += level.weight * (row.levels[i]?.count ?? 0);
  return row.denominator === 0 ? 0 : points / row.denominator;
}

/** Weights renormalised over the categories whose denominator is not 0 for the speaker; 0 when none. */
function categoryWeightedScore(byCategory: CategoryTally[]): number {
  let weighted = 0;
  let weightSum = 0;
  for (const category of byCategory) {
    if (category.denominator === 0 || category.weight <= 0) continue;
    weighted += category.weight * category.average;
    weightSum += category.weight;
  }
  return weightSum === 0 ? 0 : weighted / weightSum;
}

/** count × 100 ÷ total rather than count ÷ total × 100: 29 of 200 is exactly 14.5, not 14.4999…. */
function percentOf(count: number, total: number): number {
  return total === 0 ? 0 : (count * 100) / total;
}

/**
 * Half-up decimal rounding as done by hand. In binary 1.005 × 100 is 100.49999999999999, so the
 * scaled value is first cut to 6 decimals to drop that artefact before rounding.
 */
function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(value) * factor).toFixed(6));
  return (Math.sign(value) * Math.round(scaled)) / factor;
}

function sumCounts(counters: VoteCounter[]): number {
  return counters.reduce((sum, c) => sum + c.count, 0);
}

function sumValues(record: Record<string, number>): number {
  return Object.values(record).reduce((sum, n) => sum + n, 0);
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

function firstDuplicate(ids: string[]): string | undefined {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return undefined;
}
