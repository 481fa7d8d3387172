// The demo meeting, in the words of the chair's script (shared/seed). People's names are
// placeholders, as in the script (XXX同志); the street/town names are placeholders too.
//
// The roster is not written here: it is prisma/fixtures/demo-roster.csv, read through the
// organisers' own importer (parseRoster) on every fresh start, so the import path that
// organisers rely on runs every time the console starts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../platform/config";
import type { NewMeeting, NewSpeaker } from "../live/meeting-data";
import { importableRows, parseRoster } from "../roster-import/parse-roster";
import { orderImportedRows } from "./setup-rules";

export const DEMO_ROSTER_FILE = path.join(projectRoot, "prisma", "fixtures", "demo-roster.csv");

/** The fixture's rows as speakers; a fixture the importer finds fault with is a bug, so it throws. */
export async function loadDemoRoster(file = DEMO_ROSTER_FILE): Promise<NewSpeaker[]> {
  const preview = await parseRoster({ kind: "file", fileName: path.basename(file), bytes: readFileSync(file) });
  if (!preview.ok) throw new Error(`demo roster ${file}: ${preview.error.message}`);
  if (preview.data.problems.length > 0) {
    throw new Error(`demo roster ${file}: ${preview.data.problems.map((p) => `第${p.line}行 ${p.message}`).join("; ")}`);
  }
  return orderImportedRows(importableRows(preview.data)).map(({ unit, name, title, mode, limitMs, reportText }) => ({
    unit,
    name,
    title,
    mode,
    limitMs,
    reportText,
  }));
}

const speakers = await loadDemoRoster();

export const demoMeeting: NewMeeting = {
  title: "2023年度党(工)委书记抓基层党建工作述职评议会",
  date: "2024-01-18",
  venue: "区委第一会议室",
  chairName: "XXX同志",
  guests: "市委组织部XXX同志、XXX同志",
  reportsTitle: "各党(工)委书记述职",
  reportsText:
    "各街镇党(工)委书记进行现场述职，区直机关工委、经济开发区工委、区“两新”工委、区离退休干部工委、区财政局党组、区教育局党委、区卫健局党委书面述职。采取“一述一评”的方式，由区委现场点评。请大家述职时注意发言时间和内容质量，时间控制在6分钟以内，主要展示亮点特色、找出问题原因，提出下步思路。",
  evaluationTitle: "民主测评",
  evaluationText:
    "对各党(工)委书记抓基层党建述职情况进行民主测评。测评票在会前已装在信封中放在大家的桌面上，请认真填写，填好后装入信封放置在桌面，会议结束后不要拿走，由工作人员统一回收。",
  closingTitle: "书记讲话",
  closingText: "对全区基层党建工作提几点要求。会后大家要对点评中提出的问题和建议进行认真梳理，切实抓好整改落实。",
  // The seed's own structure: the year's 成绩 1.–3., then the 要求 1.–… (the seed's text ends
  // inside its first requirement).
  closingPoints: [
    {
      section: "achievements",
      title: "政治责任不断压实",
      body: "区直各党组织书记能够认真履行抓党建“第一责任人”职责，以上年度述职评议问题整改为导向，坚持以上率下、上下联动推动问题整改落实。聚焦落实全省基层党建“擂台赛”、全市基层党建“磐石计划”和全区基层党建重点任务“十张清单”，推动抓党建主体责任进一步压紧压实。",
    },
    {
      section: "achievements",
      title: "中心工作不断推进",
      body: "以学习宣传贯彻党的二十大精神为重点。高质量组织开展“能力作风建设年”活动，创新实施“1+8”综合性举措，促进党员干部提能力转作风促发展。聚力打造优良营商环境，推动基层党建与中心大局的互融共促。",
    },
    {
      section: "achievements",
      title: "战斗堡垒不断筑牢",
      body: "坚持大抓基层的鲜明导向，推动实施农村党建打造领头雁队伍、培育领头羊项目“双领”计划。做实区域化党建联盟推进城市基层治理，持续提升非公企业、社会组织“两个覆盖”质量，落实在职党员双报到双报告。",
    },
    {
      section: "requirements",
      title: "要始终坚持政治引领，坚定不移听党话、跟党走",
      body: "基层党建是强化“四个意识”、坚决维护以***同志为核心的党中央权威的必然要求。",
    },
  ],
  limitMs: 6 * 60_000,
  warningMs: 60_000,
  expectedVoters: 40,
  speakers,
};
