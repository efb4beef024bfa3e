// Column headers admins use, in English, Korean and Japanese. Matched on a loose key (NFKC,
// lower case, no spaces, punctuation or symbols), so "E-mail", "EMAIL ADDRESS" and "ｅｍａｉｌ"
// all work. Isomorphic: used by the paste parser in the browser.

export type ColumnKind =
  "firstName" | "lastName" | "fullName" | "email" | "localPart" | "password" | "reading" | "ignore";

/** Every kind, in the order the column-mapping control offers them. */
export const COLUMN_KINDS: readonly ColumnKind[] = [
  "fullName",
  "firstName",
  "lastName",
  "reading",
  "email",
  "localPart",
  "password",
  "ignore",
];

export const HEADER_ALIASES: Readonly<Record<Exclude<ColumnKind, "ignore">, readonly string[]>> = {
  // A few European spellings too, since semicolon CSVs come from European Excel.
  firstName: [
    "First name",
    "Given name",
    "First",
    "fname",
    "Forename",
    "名",
    "이름",
    "Vorname",
    "Prénom",
  ],
  lastName: [
    "Last name",
    "Surname",
    "Family name",
    "Last",
    "lname",
    "姓",
    "苗字",
    "名字",
    "성",
    "Nachname",
    "Nom de famille",
  ],
  fullName: ["Name", "Full name", "Display name", "氏名", "名前", "姓名", "성명"],
  email: [
    "Email",
    "E-mail",
    "Mail",
    "Address",
    "Email address",
    "Mail address",
    "メール",
    "メールアドレス",
    "Eメール",
    "이메일",
    "메일",
    "이메일 주소",
    "메일 주소",
  ],
  localPart: [
    "Local part",
    "Username",
    "User name",
    "User",
    "User ID",
    "Login",
    "Login ID",
    "Login name",
    "ID",
    "Account",
    "Account name",
    "アカウント",
    "アカウント名",
    "ユーザー名",
    "ユーザ名",
    "ユーザーID",
    "ログインID",
    "ローカルパート",
    "ローカル部",
    "ローカル部分",
    "メールID",
    "Mail ID",
    "Mailbox",
    "Mailbox name",
    "아이디",
    "메일 ID",
    "메일 아이디",
    "로컬 파트",
    "사용자명",
    "계정",
  ],
  // The kana reading of a Japanese name (フリガナ). Two columns (セイ, メイ) are read family first,
  // in the order they stand.
  reading: [
    "Reading",
    "Furigana",
    "Kana",
    "Name reading",
    "フリガナ",
    "ふりがな",
    "カナ",
    "かな",
    "よみ",
    "ヨミ",
    "読み",
    "よみがな",
    "ヨミガナ",
    "読み仮名",
    "セイ",
    "メイ",
    "せい",
    "めい",
    "カナ氏名",
    "氏名カナ",
    "氏名フリガナ",
    "姓カナ",
    "名カナ",
    "姓フリガナ",
    "名フリガナ",
  ],
  password: [
    "Password",
    "Pass",
    "PW",
    "Passwd",
    "pwd",
    "パスワード",
    "비밀번호",
    "암호",
    // Other languages too: an unrecognised password column would end up in `source`.
    "Passwort",
    "Kennwort",
    "Mot de passe",
    "Contraseña",
    "Senha",
    "Wachtwoord",
    "密码",
    "密碼",
  ],
};

/**
 * Substrings that make a header a password column even when the whole header is not an alias
 * ("Initial password", "Temp PW"…): a password that slips into an ignored column would be
 * echoed back in the failed-rows export, so this errs on the side of "password".
 */
const PASSWORD_FRAGMENTS = ["password", "passwort", "passwd", "パスワード", "비밀번호"];
/** "Work email", "Primary e-mail address"… */
const EMAIL_FRAGMENTS = ["email", "メールアドレス", "이메일"];
/** "氏名（フリガナ）", "フリガナ(姓)", "よみがな（名）"… */
const READING_FRAGMENTS = ["フリガナ", "ふりがな", "よみがな", "ヨミガナ"];

/**
 * Headings the page knows and leaves out: the error column of our own failed-rows file, in every
 * locale, so the file reads back in without a "not used" notice.
 */
const IGNORED = ["Error", "Errors", "오류", "에러", "エラー"];

/** The loose key headers are compared on. */
export function headerKey(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}\p{Cf}]/gu, "");
}

const BY_KEY: ReadonlyMap<string, ColumnKind> = new Map(
  Object.entries(HEADER_ALIASES).flatMap(([kind, aliases]) =>
    aliases.map((alias) => [headerKey(alias), kind as ColumnKind] as const),
  ),
);

const IGNORED_KEYS = new Set(IGNORED.map(headerKey));

/** The kind a header names ("ignore" for one known to hold nothing to read), or `null`. */
export function matchHeader(header: string): ColumnKind | null {
  const key = headerKey(header);
  if (key === "") return null;
  const exact = BY_KEY.get(key);
  if (exact) return exact;
  if (IGNORED_KEYS.has(key)) return "ignore";
  if (PASSWORD_FRAGMENTS.some((f) => key.includes(f))) return "password";
  if (EMAIL_FRAGMENTS.some((f) => key.includes(f))) return "email";
  if (READING_FRAGMENTS.some((f) => key.includes(f))) return "reading";
  return null;
}
