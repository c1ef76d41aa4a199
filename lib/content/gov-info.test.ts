/** 政务公开 rules (issue #14): 文号's official form, 索引号's parts and the next free one, readGov's reading of the fields. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildColumnTree } from "./columns.ts";
import { parseDate } from "./dates.ts";
import { formatIndexNo, nextIndexNo, officialDocNo, parseIndexNo, readGov } from "./gov-info.ts";

describe("文号", () => {
  test("the official form is kept; the usual slips are corrected to it", () => {
    const cases: [string, string][] = [
      ["坛教发〔2024〕12号", "坛教发〔2024〕12号"],
      ["坛教发[2024]12号", "坛教发〔2024〕12号"],
      ["坛教发［2024］12号", "坛教发〔2024〕12号"],
      ["坛教发(2024)12号", "坛教发〔2024〕12号"],
      ["坛教发（2024）12号", "坛教发〔2024〕12号"],
      ["坛教发【2024】12号", "坛教发〔2024〕12号"],
      ["坛教发﹝2024﹞12号", "坛教发〔2024〕12号"],
      ["坛教发〔2024〕12", "坛教发〔2024〕12号"],
      ["坛教发〔2024〕第12号", "坛教发〔2024〕12号"],
      ["坛教发〔2024〕012号", "坛教发〔2024〕12号"],
      ["坛教发 〔2024〕 12 号", "坛教发〔2024〕12号"],
    ];
    for (const [given, official] of cases) assert.equal(officialDocNo(given), official, given);
  });
  test("what cannot be read as 机关代字〔年份〕序号号 is not guessed", () => {
    for (const odd of ["第三号公告", "〔2024〕12号", "坛教发2024年12号", "坛教发〔24〕12号", ""]) assert.equal(officialDocNo(odd), undefined, odd);
  });
});

describe("索引号", () => {
  test("parts of a well-formed one; malformed ones are refused", () => {
    assert.deepEqual(parseIndexNo("014127394/2024-00012"), { org: "014127394", year: 2024, serial: 12 });
    assert.deepEqual(parseIndexNo("91110000MA01ABCD3X/2025-00001"), { org: "91110000MA01ABCD3X", year: 2025, serial: 1 });
    for (const bad of ["014127394/2024-12", "014127394-2024-00012", "01412739/2024-00012", "014127394/24-00012", "014127394/2024-000012"]) assert.equal(parseIndexNo(bad), undefined, bad);
    assert.equal(formatIndexNo("014127394", 2024, 7), "014127394/2024-00007");
  });
  test("the next free one: above the year's highest serial of the same org code", () => {
    const used = ["014127394/2024-00003", "014127394/2024-00011", "014127394/2023-00040", "123456789/2024-00090", "garbage"];
    assert.equal(nextIndexNo(used, "014127394", 2024), "014127394/2024-00012");
    assert.equal(nextIndexNo(used, "014127394", 2025), "014127394/2025-00001");
  });
});

describe("readGov", () => {
  const { tree } = buildColumnTree("首页", [{ key: "zwgk", name: "政务公开", children: [{ key: "zcwj", name: "政策文件", type: "policy", defaultSource: "示范区教育局办公室", categories: ["基础教育"] }] }, { key: "jydt", name: "教育动态" }], ["基础教育", "人事任免"]);
  const read = (data: Record<string, unknown>, column = "zcwj") => {
    const issues: string[] = [];
    const gov = readGov({
      data,
      column: tree.byKey.get(column)!,
      columns: tree,
      date: parseDate("2024-03-05"),
      draft: false,
      lineOf: () => undefined,
      err: (field, code) => void issues.push(`error ${field} ${code}`),
      warn: (field, code) => void issues.push(`warning ${field} ${code}`),
    });
    return { gov, issues };
  };
  test("fields read, 发布机构 from the column's defaultSource, 有效性 in Chinese or English, 替代文件 as a plain 文号", () => {
    const { gov, issues } = read({ indexNo: "014127394/2024-00001", category: "基础教育", written: "2024年3月1日", docNo: "坛教发〔2024〕3号", validity: "repealed", validitySince: "2024-12-01", replacedBy: "坛教发[2024]9号", keywords: "作业管理，双减" });
    assert.deepEqual(issues, ["warning replacedBy gov-doc-no-form"]);
    assert.equal(gov?.publisher, "示范区教育局办公室");
    assert.equal(gov?.validity, "repealed");
    assert.equal(gov?.written?.toISODate(), "2024-03-01");
    assert.deepEqual(gov?.replacedBy, { docNo: "坛教发〔2024〕9号", url: "" });
    assert.deepEqual(gov?.keywords, ["作业管理", "双减"]);
    assert.equal(read({ category: "基础教育", validity: "有效" }).gov?.validity, "valid");
  });
  test("the column's own categories narrow the site's list", () => {
    assert.deepEqual(read({ category: "人事任免" }).issues, ["error category gov-bad-category"]);
  });
  test("articles outside 政务公开 have no gov metadata", () => {
    assert.equal(read({ docNo: "坛教发〔2024〕3号" }, "jydt").gov, undefined);
  });
});
