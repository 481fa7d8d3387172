import { describe, expect, it } from "vitest";
import { parseDelimited, splitText } from "./delimited-text";

const cellsOf = (text: string, delimiter = ",") => parseDelimited(text, delimiter, 100).rows.map((row) => row.cells);

describe("parseDelimited (CSV as Excel and WPS write it)", () => {
  it("splits plain records on CRLF, LF and CR, without an empty record for the final line break", () => {
    expect(cellsOf("a,b\r\nc,d\ne,f\rg,h\r\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
      ["e", "f"],
      ["g", "h"],
    ]);
  });

  it("keeps commas, doubled quotes and line breaks inside quoted fields", () => {
    const text = '单位,材料\r\n"区""两新""工委","第一段，含逗号, 和英文逗号\r\n第二段"\r\n';
    expect(cellsOf(text)).toEqual([
      ["单位", "材料"],
      ['区"两新"工委', "第一段，含逗号, 和英文逗号\r\n第二段"],
    ]);
  });

  it("numbers records as Excel numbers rows, so a multi-line cell does not shift later rows", () => {
    const rows = parseDelimited('h1,h2\n"x\ny\nz",1\nlast,2\n', ",", 100).rows;
    expect(rows.map((row) => [row.line, row.cells[0]])).toEqual([
      [1, "h1"],
      [2, "x\ny\nz"],
      [3, "last"],
    ]);
  });

  it("keeps empty fields, including trailing ones and blank lines", () => {
    expect(cellsOf('a,,""\n\n,b,')).toEqual([["a", "", ""], [""], ["", "b", ""]]);
  });

  it("reads an unquoted cell that merely contains quotes as it is written", () => {
    expect(cellsOf('"两新"工委\t张三', "\t")).toEqual([['"两新"工委', "张三"]]);
    expect(cellsOf('"未闭合,b\nc,d')).toEqual([['"未闭合', "b"], ["c", "d"]]);
  });

  it("tolerates spaces between a closing quote and the delimiter", () => {
    expect(cellsOf('"a" ,b')).toEqual([["a", "b"]]);
  });

  it("stops at the row cap and says the text was cut", () => {
    const split = parseDelimited("1\n2\n3\n4\n", ",", 3);
    expect(split.truncated).toBe(true);
    expect(split.rows).toHaveLength(3);
    expect(parseDelimited("1\n2\n3\n", ",", 3).truncated).toBe(false);
  });
});

describe("splitText for hand-typed tables", () => {
  it("wide-space keeps single spaces inside a cell and splits on runs and full-width spaces", () => {
    const rows = splitText("单位　　姓名  职务\n区 财政局党组　王五  书记", "wide-space", 10).rows;
    expect(rows.map((row) => row.cells)).toEqual([
      ["单位", "姓名", "职务"],
      ["区 财政局党组", "王五", "书记"],
    ]);
  });

  it("full-width commas separate cells", () => {
    expect(splitText("单位，姓名\n城东街道党工委，张三", "fullwidth-comma", 10).rows.map((row) => row.cells)).toEqual([
      ["单位", "姓名"],
      ["城东街道党工委", "张三"],
    ]);
  });
});
