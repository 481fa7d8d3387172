import { describe, expect, it } from "vitest";
import type { ClosingPoint } from "@/server/domain/snapshot";
import { agendaNumbers, closingPointLabel, overtimeLabel } from "./hall-labels";

describe("one wording on every screen", () => {
  it("numbers the closing points 1., 2., 3. within each part of the speech, as the seed does", () => {
    const points: ClosingPoint[] = [
      { section: "achievements", title: "政治责任不断压实", body: "" },
      { section: "achievements", title: "中心工作不断推进", body: "" },
      { section: "achievements", title: "战斗堡垒不断筑牢", body: "" },
      { section: "requirements", title: "要始终坚持政治引领", body: "" },
      { title: "要持续夯实基层基础", body: "" },
    ];
    expect(points.map((_, i) => closingPointLabel(points, i))).toEqual([
      "1. 政治责任不断压实",
      "2. 中心工作不断推进",
      "3. 战斗堡垒不断筑牢",
      "1. 要始终坚持政治引领",
      "2. 要持续夯实基层基础",
    ]);
  });

  it("writes overtime with a plus, and numbers units by their place in the agenda", () => {
    expect(overtimeLabel(11_000)).toBe("+0:11");
    const numbers = agendaNumbers([{ id: "s1" }, { id: "s2" }, { id: "w1" }]);
    expect(numbers.get("w1")).toBe(3);
  });
});
