import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { words } from "@/lib/testing/words";
import { matchHeader } from "./headers";
import { cleanCell, parsePaste, splitFullName } from "./paste";

const kinds = (text: string) => parsePaste(text).columns.map((c) => c.kind);

describe("parsePaste: headings it does not know", () => {
  it("reads the local part from Japanese, Korean and 'Mail ID' headings", () => {
    expect(kinds("名\t姓\tローカルパート\n花子\t山田\thanako\n")).toEqual([
      "firstName",
      "lastName",
      "localPart",
    ]);
    expect(kinds("Name\tMail ID\nJane Doe\tjdoe\n")).toEqual(["fullName", "localPart"]);
    expect(parsePaste("Name\tMail ID\nJane Doe\tjdoe\n").rows[0]!.localPart).toBe("jdoe");
    expect(kinds("성명\t메일 ID\n김민준\tminjun\n")).toEqual(["fullName", "localPart"]);
  });

  it("says which columns it did not use, never dropping them silently", () => {
    const result = parsePaste("Name\tDept\tMail ID\tRoom\nJane Doe\tSales\tjdoe\t\n");
    expect(result.columns.map((c) => c.kind)).toEqual([
      "fullName",
      "ignore",
      "localPart",
      "ignore",
    ]);
    // "Room" is empty in every row: nothing is lost, nothing to say.
    expect(result.warnings.map(words)).toEqual([
      'Not used: "Dept". If its values are needed, choose what it holds under Columns.',
    ]);
    expect(result.rows[0]!.source).toMatchObject({ Dept: "Sales" });
  });

  it("reads our failed-rows file back in any locale: its error column is left out, unflagged", () => {
    for (const error of ["Error", "오류", "エラー"]) {
      const result = parsePaste(
        `Name\tMail ID\t${error}\nJane Doe\tjdoe\tThe provider refused this local part.\n`,
      );
      expect(result.columns.map((c) => c.kind)).toEqual(["fullName", "localPart", "ignore"]);
      expect(result.warnings).toEqual([]);
    }
  });

  it("judges a column by its values when the heading says nothing, and says it guessed", () => {
    const result = parsePaste(
      "Name\tContact\tKey\tYomi\nJane Doe\tjane@acme.example\tXk9mPq2rT\tサトウ ハナコ\n" +
        "John Smith\tjohn@acme.example\tAb3defghi\tタナカ タロウ\n",
    );
    expect(result.columns.map((c) => [c.kind, c.byContent])).toEqual([
      ["fullName", false],
      ["email", true],
      ["password", true],
      ["reading", true],
    ]);
    expect(result.rows[0]).toMatchObject({ localPart: "jane", reading: "サトウ ハナコ" });
  });

  it("offers handle-like values as local parts but does not use them unasked", () => {
    const result = parsePaste("Name\tLogin handle\nJane Doe\tjdoe\nJohn Smith\tjsmith\n");
    expect(result.columns[1]).toMatchObject({ kind: "ignore", suggestion: "localPart" });
    expect(result.rows[0]!.localPart).toBe("");
    // Repeated values are a category (a department), not handles.
    const dept = parsePaste("Name\tTeam\nJane Doe\tsales\nJohn Smith\tsales\n");
    expect(dept.columns[1]!.suggestion).toBeUndefined();
    // Chosen, the column is read.
    const chosen = parsePaste("Name\tLogin handle\nJane Doe\tjdoe\n", {
      columns: ["fullName", "localPart"],
    });
    expect(chosen.rows[0]!.localPart).toBe("jdoe");
    expect(chosen.columns[1]).toMatchObject({ kind: "localPart", byContent: false });
  });

  it("reads reading columns (フリガナ, セイ/メイ) family first, in the order they stand", () => {
    expect(kinds("氏名\tフリガナ\n佐藤 花子\tサトウ ハナコ\n")).toEqual(["fullName", "reading"]);
    expect(kinds("氏名\t氏名（フリガナ）\n佐藤 花子\tサトウ ハナコ\n")).toEqual([
      "fullName",
      "reading",
    ]);
    const two = parsePaste("姓\t名\tセイ\tメイ\n佐藤\t花子\tｻﾄｳ\tﾊﾅｺ\n");
    expect(two.columns.map((c) => c.kind)).toEqual(["lastName", "firstName", "reading", "reading"]);
    // Half-width katakana is made full-width (NFKC) like every cell.
    expect(two.rows[0]!.reading).toBe("サトウ ハナコ");
  });

  it("takes a kana column beside a kanji one as the reading when there is no header", () => {
    expect(kinds("佐藤 花子\tさとう はなこ\n田中 太郎\tたなか たろう\n")).toEqual([
      "fullName",
      "reading",
    ]);
    // Names written only in kana are names.
    expect(kinds("サトウ ハナコ\nタナカ タロウ\n")).toEqual(["fullName"]);
  });
});

describe("parsePaste: spreadsheets", () => {
  it("reads cells copied from Excel, with a header row and CRLF", () => {
    const text =
      "First name\tLast name\tEmail address\tPassword\r\n" +
      "José\tMüller\tjose.muller@Acme.Example\tS3cret!pass\r\n" +
      "Zoë\tØrsted\t\t\r\n";
    const result = parsePaste(text);
    expect(result.delimiter).toBe("\t");
    expect(result.hasHeader).toBe(true);
    const column = (header: string, kind: string, samples: string[]) => ({
      header,
      kind,
      samples,
      byContent: false,
      filled: true,
    });
    expect(result.columns).toEqual([
      column("First name", "firstName", ["José", "Zoë"]),
      column("Last name", "lastName", ["Müller", "Ørsted"]),
      column("Email address", "email", ["jose.muller@Acme.Example"]),
      column("Password", "password", ["S3cret!pass"]),
    ]);
    expect(result.rows).toEqual([
      {
        firstName: "José",
        lastName: "Müller",
        localPart: "jose.muller",
        emailDomain: "acme.example",
        password: "S3cret!pass",
        source: {
          "First name": "José",
          "Last name": "Müller",
          "Email address": "jose.muller@Acme.Example",
        },
        line: 2,
      },
      {
        firstName: "Zoë",
        lastName: "Ørsted",
        localPart: "",
        password: "",
        source: { "First name": "Zoë", "Last name": "Ørsted", "Email address": "" },
        line: 3,
      },
    ]);
    expect(result.warnings.map(words)).toEqual([]);
  });

  it("guesses the columns of a Google Sheets selection without a header", () => {
    const text = "Jane\tDoe\tjane.doe@acme.example\nJohn\tSmith\tjohn.smith@acme.example\n";
    const result = parsePaste(text);
    expect(result.hasHeader).toBe(false);
    expect(result.columns).toEqual([
      {
        header: "Column 1",
        kind: "firstName",
        samples: ["Jane", "John"],
        byContent: true,
        filled: true,
      },
      {
        header: "Column 2",
        kind: "lastName",
        samples: ["Doe", "Smith"],
        byContent: true,
        filled: true,
      },
      {
        header: "Column 3",
        kind: "email",
        samples: ["jane.doe@acme.example", "john.smith@acme.example"],
        byContent: true,
        filled: true,
      },
    ]);
    expect(result.rows[1]).toMatchObject({
      firstName: "John",
      lastName: "Smith",
      localPart: "john.smith",
      emailDomain: "acme.example",
      source: { "Column 1": "John", "Column 2": "Smith", "Column 3": "john.smith@acme.example" },
      line: 2,
    });
  });

  it("skips blank and whitespace-only lines and keeps line numbers", () => {
    const result = parsePaste("\n\nJane\tDoe\n \t \n\nJohn\tSmith\n\n");
    expect(result.rows.map((r) => [r.firstName, r.line])).toEqual([
      ["Jane", 3],
      ["John", 6],
    ]);
  });

  it("follows the no-header heuristic", () => {
    expect(kinds("Jane Doe\tjdoe\nJohn Smith\tjsmith")).toEqual(["fullName", "localPart"]);
    expect(kinds("Jane\tDoe\tjdoe\nJohn\tSmith\tjsmith")).toEqual([
      "firstName",
      "lastName",
      "localPart",
    ]);
    // All lower case: nothing tells names from local parts, so they are names.
    expect(kinds("jane\tdoe\njohn\tsmith")).toEqual(["firstName", "lastName"]);
    expect(kinds("Jane\tDoe\tSales\tjane@acme.example")).toEqual([
      "firstName",
      "lastName",
      "ignore",
      "email",
    ]);
    expect(kinds("jdoe\tjane@acme.example\njsmith\tjohn@acme.example")).toEqual([
      "localPart",
      "email",
    ]);
    // Capital, small letter and digit without spaces: a password, kept out of `source`.
    const withPassword = parsePaste("Jane\tDoe\tjdoe\tXk9mPq2rT\nJohn\tSmith\tjsmith\tAb3defghi");
    expect(withPassword.columns.map((c) => c.kind)).toEqual([
      "firstName",
      "lastName",
      "localPart",
      "password",
    ]);
    expect(withPassword.rows[0]!.password).toBe("Xk9mPq2rT");
    expect(Object.keys(withPassword.rows[0]!.source)).toEqual(["Column 1", "Column 2", "Column 3"]);
  });

  it("lets options.columns override the detected mapping", () => {
    const text = "Doe\tJane\tjdoe\nSmith\tJohn\tjsmith";
    const result = parsePaste(text, { columns: ["lastName", "firstName"] });
    expect(result.columns.map((c) => c.kind)).toEqual(["lastName", "firstName", "localPart"]);
    expect(result.rows[0]).toMatchObject({ firstName: "Jane", lastName: "Doe", localPart: "jdoe" });
    const ignored = parsePaste(text, { columns: ["ignore", "ignore", "password"] });
    expect(ignored.rows[0]).toMatchObject({ firstName: "", password: "jdoe" });
    expect(ignored.rows[0]!.source).toEqual({ "Column 1": "Doe", "Column 2": "Jane" });
  });

  it("keeps the part before @ when a username column holds addresses", () => {
    const result = parsePaste("Name\tUsername\nJane Doe\tJDoe@Acme.Example\n");
    expect(result.rows[0]).toMatchObject({ localPart: "JDoe", emailDomain: "acme.example" });
  });

  it("widens a header that is shorter than the rows", () => {
    const result = parsePaste("First\tLast\nJane\tDoe\tjdoe\nJohn\tSmith\tjsmith\n");
    expect(result.columns.map((c) => c.header)).toEqual(["First", "Last", "Column 3"]);
    expect(result.rows[0]!.source).toEqual({ First: "Jane", Last: "Doe", "Column 3": "jdoe" });
    expect(result.warnings.map(words)).toEqual([]);
  });

  it("lets options.hasHeader override header detection", () => {
    const text = "Name\tUser\nJane Doe\tjdoe";
    expect(parsePaste(text).hasHeader).toBe(true);
    const forced = parsePaste(text, { hasHeader: false });
    expect(forced.hasHeader).toBe(false);
    expect(forced.rows).toHaveLength(2);
  });

  it("warns about rows with more or fewer cells, in plain words", () => {
    const text =
      "First\tLast\tEmail\nJane\tDoe\tjane@x.example\tsurprise\t!\nJohn\tSmith\nAnn\tLee\tann@x.example\n";
    const result = parsePaste(text);
    expect(result.rows).toHaveLength(3);
    expect(result.rows[0]!.source).toEqual({ First: "Jane", Last: "Doe", Email: "jane@x.example" });
    expect(result.warnings.map(words)).toEqual([
      "Line 2 has 5 cells, expected 3; extra cells ignored",
      "Line 3 has 2 cells, expected 3; missing ones left empty",
    ]);
  });

  it("caps repeated warnings with a count", () => {
    const rows = Array.from({ length: 55 }, (_, i) => `A${i}\tB\tC${i < 25 ? "\tD" : ""}`);
    const result = parsePaste(["First\tLast\tEmail", ...rows].join("\n"));
    expect(result.warnings.map(words)).toHaveLength(11);
    expect(result.warnings.map(words).at(-1)).toBe("…and 15 more lines with extra cells");
  });
});

describe("parsePaste: CSV", () => {
  it("handles quoted commas, line breaks, escaped quotes and CRLF", () => {
    const text =
      "First name,Last name,Display name,Email\r\n" +
      '"Mary, Jr.",Doe,"Mary ""MJ""\r\nDoe",mary@acme.example\r\n' +
      'John,"Smith, III",,"john@acme.example"\r\n';
    const result = parsePaste(text);
    expect(result.delimiter).toBe(",");
    expect(result.columns.map((c) => c.kind)).toEqual([
      "firstName",
      "lastName",
      "fullName",
      "email",
    ]);
    expect(result.rows.map((r) => [r.firstName, r.lastName, r.localPart, r.line])).toEqual([
      ["Mary, Jr.", "Doe", "mary", 2],
      ["John", "Smith, III", "john", 4],
    ]);
    // `source` keeps the cell as pasted (CRLF inside a cell read as one line break).
    expect(result.rows[0]!.source["Display name"]).toBe('Mary "MJ"\nDoe');
  });

  it("reads semicolon CSV from European Excel, with or without a sep= line", () => {
    const text =
      "Vorname;Nachname;E-Mail\nJosé;Müller, Dr.;jose@acme.example\nAnna;Schmidt;anna@acme.example\n";
    for (const input of [text, `sep=;\n${text}`]) {
      const result = parsePaste(input);
      expect(result.delimiter).toBe(";");
      expect(result.columns.map((c) => c.kind)).toEqual(["firstName", "lastName", "email"]);
      expect(result.rows[0]).toMatchObject({ firstName: "José", lastName: "Müller, Dr." });
    }
    expect(parsePaste(`sep=;\n${text}`).rows[0]!.line).toBe(3);
  });

  it("reports an unclosed quote in CSV", () => {
    const result = parsePaste('First,Last\nJohn,Smith\n"Jane,Doe\n');
    expect(result.warnings.map(words)[0]).toMatch(/^Line 3: a quoted cell is not closed properly/);
  });

  it("reads unpaired quotes in tab-separated cells as characters", () => {
    const result = parsePaste('"JJ" Smith\tjj@acme.example\nJane Doe\tjane@acme.example\n');
    expect(result.rows.map((r) => r.firstName)).toEqual(['"JJ"', "Jane"]);
    expect(result.warnings.map(words)).toEqual([
      'The quotes (") on line 1 do not pair up, so quotes were read as ordinary characters',
    ]);
  });
});

describe("parsePaste: one entry per line", () => {
  it("detects each line's kind: address, full name or local part", () => {
    const text = [
      "Jane Doe",
      "john.smith@Acme.Example",
      "mkim",
      "Doe, John",
      '"Sato, Hanako" <hanako.sato@acme.example>',
      "佐藤 花子",
      '"JJ" Smith',
      '"Doe, Jane"',
    ].join("\n");
    const result = parsePaste(text);
    expect(result.delimiter).toBe("lines");
    expect(result.hasHeader).toBe(false);
    expect(
      result.rows.map((r) => [r.firstName, r.lastName, r.localPart, r.emailDomain ?? null]),
    ).toEqual([
      ["Jane", "Doe", "", null],
      ["", "", "john.smith", "acme.example"],
      ["", "", "mkim", null],
      ["John", "Doe", "", null],
      ["Hanako", "Sato", "hanako.sato", "acme.example"],
      ["花子", "佐藤", "", null],
      ['"JJ"', "Smith", "", null],
      ["Jane", "Doe", "", null],
    ]);
    expect(result.warnings.map(words)).toEqual([]);
  });

  it("uses a one-column header for every line", () => {
    const result = parsePaste("Email\njane@acme.example\njdoe\n");
    expect(result.hasHeader).toBe(true);
    expect(result.columns.map(({ header, kind }) => ({ header, kind }))).toEqual([
      { header: "Email", kind: "email" },
    ]);
    expect(result.rows.map((r) => r.localPart)).toEqual(["jane", "jdoe"]);
  });
});

describe("parsePaste: Korean and Japanese", () => {
  it("matches Korean headers", () => {
    const text = "성\t이름\t아이디\t비밀번호\n김\t민준\tminjun.kim\tPw!12345abc\n";
    const result = parsePaste(text);
    expect(result.columns.map((c) => c.kind)).toEqual([
      "lastName",
      "firstName",
      "localPart",
      "password",
    ]);
    expect(result.rows[0]).toMatchObject({
      firstName: "민준",
      lastName: "김",
      localPart: "minjun.kim",
    });
    expect(result.rows[0]!.source).toEqual({ 성: "김", 이름: "민준", 아이디: "minjun.kim" });
  });

  it("matches Japanese headers, full-width ones included", () => {
    const text =
      "氏名\tメールアドレス\tパスワード\n佐藤　花子\thanako.sato@acme.example\tＰａｓｓ１\n";
    const result = parsePaste(text);
    expect(result.columns.map((c) => c.kind)).toEqual(["fullName", "email", "password"]);
    expect(result.rows[0]).toMatchObject({
      firstName: "花子",
      lastName: "佐藤",
      localPart: "hanako.sato",
      password: "Ｐａｓｓ１", // verbatim: NFKC would have changed it
    });
    expect(kinds("ユーザー名\t姓\t名\nhsato\t佐藤\t花子")).toEqual([
      "localPart",
      "lastName",
      "firstName",
    ]);
  });

  it("does not guess where a Korean family name ends", () => {
    expect(splitFullName("김민준")).toEqual({ firstName: "김민준", lastName: "" });
    expect(splitFullName("김 민준")).toEqual({ firstName: "민준", lastName: "김" });
    expect(splitFullName("Hanako 佐藤")).toEqual({ firstName: "Hanako", lastName: "佐藤" });
    expect(splitFullName("Jane Mary Doe")).toEqual({ firstName: "Jane", lastName: "Mary Doe" });
    expect(splitFullName("van der Berg, Anna")).toEqual({
      firstName: "Anna",
      lastName: "van der Berg",
    });
    expect(splitFullName("Jane Doe, Jr.")).toEqual({ firstName: "Jane", lastName: "Doe, Jr." });
  });

  it("matches headers loosely", () => {
    for (const [header, kind] of [
      ["E-Mail", "email"],
      ["  EMAIL ADDRESS ", "email"],
      ["ｅｍａｉｌ", "email"],
      ["Work email", "email"],
      ["first_name", "firstName"],
      ["Given Name", "firstName"],
      ["SURNAME", "lastName"],
      ["Display name", "fullName"],
      ["User-Name", "localPart"],
      ["ID", "localPart"],
      ["Initial password", "password"],
      ["P.W.", "password"],
      ["메일", "email"],
      ["성명", "fullName"],
      ["名", "firstName"],
      ["名前", "fullName"],
      ["アカウント", "localPart"],
      ["Department", null],
    ] as const) {
      expect(matchHeader(header), header).toBe(kind);
    }
  });
});

describe("parsePaste: cleaning cells", () => {
  it("strips a UTF-8 byte-order mark", () => {
    const result = parsePaste("\ufeffFirst name\tLast name\nJane\tDoe\n");
    expect(result.hasHeader).toBe(true);
    expect(result.columns[0]!.header).toBe("First name");
    expect(Object.keys(result.rows[0]!.source)).toEqual(["First name", "Last name"]);
  });

  it("turns full-width letters, digits and the ideographic space into ASCII", () => {
    const result = parsePaste("ＡＢＣ１２３\u3000Ｘｙｚ\nｊｏｈｎ\n");
    expect(result.rows[0]).toMatchObject({ firstName: "ABC123", lastName: "Xyz" });
    expect(result.rows[1]).toMatchObject({ localPart: "john" });
    expect(cleanCell("  Mary \u00a0 Ann\t\u3000Doe ")).toBe("Mary Ann Doe");
  });

  it("removes invisible characters inside a local part", () => {
    const raw = "j\u200bd\u200co\u200de\u2060\u00ad\u200e\u200f\u202a\u202e\ufeff";
    const result = parsePaste(`Name\tUsername\nJane Doe\t${raw}\n`);
    expect(result.rows[0]!.localPart).toBe("jdoe");
    expect(result.rows[0]!.source.Username).toBe(raw); // as pasted, for the failed-rows export
  });

  it("keeps a password exactly, never in source, and warns about edge spaces", () => {
    const password = ` P@ss,w;o"rd'\\ｘ\u200b `;
    const csv = `Email,Password\njane@acme.example,"${password.replace(/"/g, '""')}"\n`;
    const tsv = `Email\tPassword\njane@acme.example\t${password}\n`;
    for (const text of [csv, tsv]) {
      const result = parsePaste(text);
      expect(result.rows[0]!.password).toBe(password);
      expect(JSON.stringify(result.rows[0]!.source)).not.toContain("P@ss");
      expect(result.warnings.map(words)).toEqual([
        "Line 2: the password starts or ends with a space; it is kept exactly as pasted",
      ]);
      expect(result.warnings.map(words).join()).not.toContain("P@ss");
    }
  });

  it("keeps a password that looks like an ignored column out of source", () => {
    const result = parsePaste("Name\tNotes\tNew PW\nJane Doe\tsales\tAbc123!x\n");
    expect(result.columns.map((c) => c.kind)).toEqual(["fullName", "ignore", "password"]);
    expect(result.rows[0]!.source).toEqual({ Name: "Jane Doe", Notes: "sales" });
  });

  it("returns nothing for empty or blank text", () => {
    for (const text of ["", "\n\n", "\ufeff", " \t \r\n"]) {
      expect(parsePaste(text)).toMatchObject({ rows: [], columns: [], hasHeader: false });
    }
  });
});

describe("parsePaste: size", () => {
  it("parses 10,000 TSV rows", () => {
    const lines = ["First name\tLast name\tUsername\tPassword"];
    for (let i = 0; i < 10_000; i++) lines.push(`Jöhn${i}\tSmith\tjsmith${i}\tPw${i}!xYz`);
    const result = parsePaste(lines.join("\r\n"));
    expect(result.rows).toHaveLength(10_000);
    expect(result.warnings.map(words)).toEqual([]);
    expect(result.rows[9_999]).toMatchObject({
      firstName: "Jöhn9999",
      localPart: "jsmith9999",
      password: "Pw9999!xYz",
      line: 10_001,
    });
  });
});

// ---- Round trip ------------------------------------------------------------------------------

/** An independent writer: quote a cell when it holds the delimiter, a quote or a line break. */
function serialise(table: string[][], delimiter: string): string {
  const quote = (cell: string) =>
    cell.includes(delimiter) || cell.includes('"') || cell.includes("\n")
      ? `"${cell.replace(/"/g, '""')}"`
      : cell;
  return table.map((row) => row.map(quote).join(delimiter)).join("\n");
}

describe("parsePaste: round trip", () => {
  for (const [delimiter, others] of [
    ["\t", ""],
    [",", "\t;"],
    [";", "\t,"],
  ] as const) {
    it(`returns the cells of any table written as ${JSON.stringify(delimiter)}-separated`, () => {
      // Safe cells: letters (accented, CJK), digits, spaces, quotes, line breaks and this
      // format's delimiter; not the other delimiters, which would make guessing it ambiguous.
      const chars = [..."aZé김佐 0@.'\"\n-_,;\t"].filter((c) => !others.includes(c));
      const cell = fc.string({ unit: fc.constantFrom(...chars), maxLength: 8 });
      const table = fc.integer({ min: 2, max: 5 }).chain((width) =>
        fc.array(
          fc
            .tuple(
              fc.constantFrom("a", "Zé", "김"),
              fc.array(cell, { minLength: width - 1, maxLength: width - 1 }),
            )
            .map(([first, rest]) => [first, ...rest]),
          { minLength: 1, maxLength: 8 },
        ),
      );
      fc.assert(
        fc.property(table, (rows) => {
          const text = serialise(rows, delimiter);
          const result = parsePaste(text, {
            hasHeader: false,
            columns: rows[0]!.map(() => "ignore"),
          });
          expect(result.delimiter).toBe(delimiter);
          const headers = result.columns.map((c) => c.header);
          expect(result.rows.map((r) => headers.map((h) => r.source[h]))).toEqual(rows);
          let line = 1;
          rows.forEach((row, i) => {
            expect(result.rows[i]!.line).toBe(line);
            line += 1 + serialise([row], delimiter).split("\n").length - 1;
          });
        }),
      );
    });
  }
});
