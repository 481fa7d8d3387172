import { describe, expect, it } from "vitest";
import { hallAddress } from "./routes";

describe("the hall's addresses", () => {
  it("reads /join, the tablet and the projector; every other address is not the hall's", () => {
    expect(hallAddress("/join", "")).toEqual({ page: "join", typed: null });
    expect(hallAddress("/join/123456", "?seat=A7K2&report=x")).toEqual({ page: "tablet", code: "123456", search: "?seat=A7K2&report=x" });
    expect(hallAddress("/display/cm123", "")).toEqual({ page: "display", meetingId: "cm123" });
    for (const other of ["/", "/chair/cm123", "/setup", "/join/123456/more", "/display/", "/joined", "/display/a/b"]) {
      expect(hallAddress(other, ""), other).toBeNull();
    }
  });

  it("sends a typed 会议码 on to its meeting, full-width digits and spaces included", () => {
    expect(hallAddress("/join", "?code=123456")).toEqual({ redirect: "/join/123456" });
    expect(hallAddress("/join", `?code=${encodeURIComponent("１２３ ４５６")}`)).toEqual({ redirect: "/join/123456" });
  });

  it("keeps what was typed when it is not a 会议码, for the form to show with its error", () => {
    expect(hallAddress("/join", "?code=12")).toEqual({ page: "join", typed: "12" });
    expect(hallAddress("/join", "?code=")).toEqual({ page: "join", typed: "" });
  });

  it("gives the tablet the code as typed in the address, even when it is no 会议码 (the tablet says so)", () => {
    expect(hallAddress("/join/%E4%BC%9A", "")).toEqual({ page: "tablet", code: "会", search: "" });
  });
});
