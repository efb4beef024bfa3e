import { describe, expect, it } from "vitest";
import { codedText, decodeMessage } from "./coded";
import { inEnglish } from "./english";

describe("coded messages", () => {
  it("carry a key and parameters through a string and back", () => {
    expect(decodeMessage(codedText("validation.passwordTooShort", { min: 12 }))).toEqual({
      key: "validation.passwordTooShort",
      params: { min: 12 },
    });
    expect(decodeMessage(codedText("validation.email"))).toEqual({ key: "validation.email" });
  });

  it("leave plain text alone (words from code not yet in the catalogs)", () => {
    for (const text of ["Some fields need attention.", "Only a–z", "a.b c", "x|{", "ok.key|[1]"])
      expect(decodeMessage(text)).toBeNull();
  });

  it("are worded in English from the English catalog", () => {
    expect(inEnglish({ key: "validation.passwordTooShort", params: { min: 12 } })).toBe(
      "Use at least 12 characters",
    );
    expect(
      inEnglish({ key: "errors.roleTooLow", params: { role: "viewer", required: "admin" } }),
    ).toBe("Your role (Viewer) cannot do this. Ask an admin for Admin access.");
  });
});
