import { describe, expect, it } from "vitest";
import { cleanCell, parseLimit, parseMode, parseOrder, personName } from "./roster-values";

const limitMs = (raw: string, inSeconds = false) => {
  const result = parseLimit(raw, inSeconds);
  return result.ok ? result.data : result.error.message;
};

describe("parseLimit", () => {
  it.each([
    ["6", 360_000],
    ["6分钟", 360_000],
    ["６分钟", 360_000],
    [" 6 分 ", 360_000],
    ["6.5", 390_000],
    ["5:30", 330_000],
    ["5：30", 330_000],
    ["5分30秒", 330_000],
    ["90秒", 90_000],
    ["0:06:00", 360_000],
    ["60", 3_600_000],
    ["6 min", 360_000],
  ])("reads %s", (raw, expected) => {
    expect(limitMs(raw)).toBe(expected);
  });

  it("is null for a blank cell, so the meeting's limit applies", () => {
    expect(limitMs("　")).toBeNull();
  });

  it("reads bare numbers as seconds when the header says so", () => {
    expect(limitMs("360", true)).toBe(360_000);
  });

  it("refuses words and malformed times", () => {
    expect(limitMs("六分钟")).toBe("时限无法识别：六分钟（应为分钟数，如 6、6分钟 或 5:30）");
    expect(limitMs("5:75")).toBe("时限无法识别：5:75（应为分钟数，如 6、6分钟 或 5:30）");
  });

  it("refuses limits of zero or over an hour", () => {
    expect(limitMs("90")).toBe("时限超出范围：90（应大于 0 且不超过 60 分钟）");
    expect(limitMs("0")).toBe("时限超出范围：0（应大于 0 且不超过 60 分钟）");
  });
});

describe("parseMode", () => {
  it.each([
    ["现场述职", "onsite"],
    ["现场", "onsite"],
    ["", "onsite"],
    ["书面述职", "written"],
    [" 书面 ", "written"],
    ["Written", "written"],
    ["on-site", "onsite"],
  ])("reads %s", (raw, mode) => {
    expect(parseMode(raw)).toEqual({ ok: true, data: mode });
  });

  it("names the accepted values when it cannot read one", () => {
    expect(parseMode("视频")).toEqual({
      ok: false,
      error: { code: "invalid", message: "述职方式无法识别：视频（应为 现场述职 或 书面述职）" },
    });
  });
});

describe("parseOrder", () => {
  it("reads positive integers written the usual ways", () => {
    for (const raw of ["3", "３", "3.0", "第3位"]) expect(parseOrder(raw)).toEqual({ ok: true, data: 3 });
    expect(parseOrder("")).toEqual({ ok: true, data: null });
  });

  it("refuses anything else", () => {
    for (const raw of ["第一", "0", "2.5", "-1"]) {
      expect(parseOrder(raw)).toEqual({ ok: false, error: { code: "invalid", message: `顺序应为正整数：${raw}` } });
    }
  });
});

describe("cell text", () => {
  it("trims full-width, non-breaking and zero-width spaces but keeps inner paragraphs", () => {
    expect(cleanCell("\u3000\u00a0\u200b第一段\r\n第二段\u3000")).toBe("第一段\n第二段");
  });

  it("drops the alignment padding in Chinese names only", () => {
    expect(personName("张　三")).toBe("张三");
    expect(personName(" 欧阳  娜娜 ")).toBe("欧阳娜娜");
    expect(personName("John  Smith")).toBe("John Smith");
  });
});
