import assert from "node:assert/strict";
import { test } from "node:test";
import { formatDay, isoDateTime, parseDate } from "./dates.ts";

test("dates are wall-clock Asia/Shanghai and never shift a day", () => {
  const cases: Array<[unknown, string, string]> = [
    ["2024-07-12", "2024-07-12", "2024-07-12T00:00:00+08:00"],
    ["2024-07-12 23:30:00", "2024-07-12", "2024-07-12T23:30:00+08:00"],
    ["2024-07-12 23:30", "2024-07-12", "2024-07-12T23:30:00+08:00"],
    ["2024/7/2", "2024-07-02", "2024-07-02T00:00:00+08:00"],
    ["2024年7月12日", "2024-07-12", "2024-07-12T00:00:00+08:00"],
    ["2024-07-12T15:30:00Z", "2024-07-12", "2024-07-12T23:30:00+08:00"],
    ["2024-07-12T23:30:00+08:00", "2024-07-12", "2024-07-12T23:30:00+08:00"],
    // A Date from some YAML parser carries the written wall clock in its UTC fields.
    [new Date(Date.UTC(2024, 6, 12, 23, 30)), "2024-07-12", "2024-07-12T23:30:00+08:00"],
  ];
  for (const [input, day, iso] of cases) {
    const d = parseDate(input);
    assert.ok(d, `parses ${String(input)}`);
    assert.equal(formatDay(d), day);
    assert.equal(isoDateTime(d), iso);
  }
});

test("a date that is not a date is refused, not guessed", () => {
  for (const bad of ["2024-13-45", "2024-02-30", "下周一", "12/07/2024", "", "2024", 20240712, null, undefined, true, new Date("x")]) {
    assert.equal(parseDate(bad), null, `refuses ${String(bad)}`);
  }
});
