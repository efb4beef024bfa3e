import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { RowChecker, type EditorRow, type Field, type Plan, type RowIssues } from "./editor-rows";

// The bulk page's rows, outside React: a paste of 10,000 rows is one array and one check, and a
// keystroke touches one row. Three channels, so each part of the page re-renders only for what it
// shows: the list (rows added, removed or replaced; the provider; the existing addresses), one
// row (its cells and problems), and any change at all (the plan line and the problem links, which
// read counts kept here instead of walking every row). Rows are checked with the provider's shared
// zod row schema (RowChecker), as the server checks them again.

const CREATE = 0;
const SKIP = 1;
const BLOCKED = 2;
const SUGGESTED = 3;

type Listener = () => void;

export class BulkRowStore {
  private list: EditorRow[] = [];
  private checker: RowChecker;
  private taken: ReadonlySet<string> = new Set();
  /** Each row's place in the plan (CREATE, SKIP, BLOCKED), kept with the counts below. */
  private status = new Uint8Array(0);
  private counts: Plan = { create: 0, skip: 0, blocked: 0, suggested: 0 };
  private tick = 0;
  private listTick = 0;
  private rowTicks: number[] = [];
  private listeners = new Set<Listener>();
  private listListeners = new Set<Listener>();
  private rowListeners = new Map<number, Set<Listener>>();

  constructor(
    private currentProvider: ProviderId,
    rows: readonly EditorRow[] = [],
  ) {
    this.checker = new RowChecker(currentProvider, () => this.list);
    this.list = [...rows];
    this.recheckAll();
  }

  // ── reading ──────────────────────────────────────────────────────────────────────────────

  get provider(): ProviderId {
    return this.currentProvider;
  }
  get count(): number {
    return this.list.length;
  }
  get existing(): ReadonlySet<string> {
    return this.taken;
  }
  rows(): readonly EditorRow[] {
    return this.list;
  }
  row(i: number): EditorRow | undefined {
    return this.list[i];
  }
  issuesOf(i: number): RowIssues {
    return this.checker.issuesOf(i);
  }
  /** The row's local part as the provider compares it (the key of duplicates and existing). */
  normalized(i: number): string {
    return this.checker.normalized(i);
  }
  /** Its address already exists on the domain. */
  exists(i: number): boolean {
    return this.taken.has(this.checker.normalized(i));
  }
  plan(): Plan {
    return { ...this.counts };
  }
  /** The first rows that block the job (not skipped, with a problem), at most `limit`. */
  problems(limit: number): number[] {
    const found: number[] = [];
    for (let i = 0; i < this.status.length && found.length < limit; i++)
      if (this.status[i] === BLOCKED) found.push(i);
    return found;
  }

  /** The first rows whose local part is a suggestion waiting for a look, at most `limit`. */
  suggestions(limit: number): number[] {
    const found: number[] = [];
    for (let i = 0; i < this.status.length && found.length < limit; i++)
      if (this.status[i] === SUGGESTED) found.push(i);
    return found;
  }

  // ── changing ─────────────────────────────────────────────────────────────────────────────

  /**
   * A new list (a paste, the pattern applied again): every row checked once, or `checked` taken
   * as each row's own problems (a list read and checked in a worker with the same schema).
   */
  replace(rows: readonly EditorRow[], checked?: readonly RowIssues[]): void {
    this.list = [...rows];
    this.recheckAll(checked);
    this.changedList();
  }

  /** Another provider's rules: every row checked again with its schema. */
  setProvider(provider: ProviderId): void {
    if (provider === this.currentProvider) return;
    this.currentProvider = provider;
    this.checker = new RowChecker(provider, () => this.list);
    this.recheckAll();
    this.changedList();
  }

  /**
   * The addresses that exist on the domain. With `markSkip`, every row whose address is among
   * them is marked to be skipped (the admin can untick it).
   */
  setExisting(localParts: ReadonlySet<string>, markSkip = false): void {
    this.taken = localParts;
    if (markSkip)
      this.list = this.list.map((row, i) =>
        !row.skip && localParts.has(this.checker.normalized(i)) ? { ...row, skip: true } : row,
      );
    this.restatusAll();
    this.changedList();
  }

  /**
   * The admin typed in a cell. A row whose local part was made from the names is theirs from
   * now on (the pattern no longer re-makes it). The row and the rows sharing its old or new local
   * part are checked again.
   */
  setField(i: number, field: Field, value: string): void {
    const row = this.list[i];
    if (!row) return;
    this.list[i] = { ...row, [field]: value, derived: false, suffixed: false, suggested: false };
    const others = this.checker.checkOne(i);
    this.restatus(i);
    for (const j of others) this.restatus(j);
    this.changedRows([i, ...others]);
  }

  /**
   * The admin accepts the suggested local part of row `i` (or, without `i`, of every row): it is
   * theirs from now on, as if typed.
   */
  acceptSuggestions(i?: number): void {
    const changed: number[] = [];
    const rows = i === undefined ? this.list.keys() : [i];
    for (const j of rows) {
      const row = this.list[j];
      if (!row?.suggested) continue;
      this.list[j] = { ...row, suggested: false, derived: false };
      this.restatus(j);
      changed.push(j);
    }
    if (changed.length > 0) this.changedRows(changed);
  }

  setSkip(i: number, skip: boolean): void {
    const row = this.list[i];
    if (!row || row.skip === skip) return;
    this.list[i] = { ...row, skip };
    this.restatus(i);
    this.changedRows([i]);
  }

  remove(i: number): void {
    if (i < 0 || i >= this.list.length) return;
    this.list = this.list.filter((_, j) => j !== i);
    this.recheckAll();
    this.changedList();
  }

  /** A password for every row without one (Z.com); returns how many were made. */
  fillPasswords(make: () => string): number {
    let made = 0;
    this.list = this.list.map((row) => {
      if (row.password) return row;
      made += 1;
      return { ...row, password: make() };
    });
    this.recheckAll();
    this.changedList();
    return made;
  }

  // ── subscribing (useSyncExternalStore) ───────────────────────────────────────────────────

  /** Any change. */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getVersion = (): number => this.tick;

  /** The list as a whole: rows added, removed, replaced; the provider; the existing addresses. */
  subscribeList = (listener: Listener): (() => void) => {
    this.listListeners.add(listener);
    return () => this.listListeners.delete(listener);
  };
  getListVersion = (): number => this.listTick;

  /** One row: its cells, its problems, its skip. */
  subscribeRow(i: number, listener: Listener): () => void {
    let set = this.rowListeners.get(i);
    if (!set) this.rowListeners.set(i, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.rowListeners.delete(i);
    };
  }
  getRowVersion(i: number): number {
    return this.rowTicks[i] ?? 0;
  }

  // ── inside ───────────────────────────────────────────────────────────────────────────────

  private recheckAll(checked?: readonly RowIssues[]) {
    this.checker.checkAll(checked);
    this.restatusAll();
  }

  private restatusAll() {
    this.status = new Uint8Array(this.list.length);
    this.counts = { create: 0, skip: 0, blocked: 0, suggested: 0 };
    for (let i = 0; i < this.list.length; i++) {
      const s = this.statusOf(i);
      this.status[i] = s;
      this.count_(s, 1);
    }
  }

  private restatus(i: number) {
    const next = this.statusOf(i);
    const before = this.status[i]!;
    if (next === before) return;
    this.count_(before, -1);
    this.count_(next, 1);
    this.status[i] = next;
  }

  /** The same order as plan() in editor-rows.ts: a skipped existing row first, then problems. */
  private statusOf(i: number): number {
    const row = this.list[i]!;
    if (row.skip && this.taken.has(this.checker.normalized(i))) return SKIP;
    if (this.checker.hasIssues(i)) return BLOCKED;
    return row.suggested ? SUGGESTED : CREATE;
  }

  private count_(status: number, by: number) {
    if (status === CREATE) this.counts.create += by;
    else if (status === SKIP) this.counts.skip += by;
    else if (status === SUGGESTED) this.counts.suggested += by;
    else this.counts.blocked += by;
  }

  private changedList() {
    this.tick += 1;
    this.listTick = this.tick;
    // Every row is new to whoever shows it.
    this.rowTicks = new Array<number>(this.list.length).fill(this.tick);
    for (const listener of [...this.listListeners]) listener();
    for (const set of [...this.rowListeners.values()]) for (const listener of [...set]) listener();
    for (const listener of [...this.listeners]) listener();
  }

  private changedRows(indexes: number[]) {
    this.tick += 1;
    for (const i of indexes) this.rowTicks[i] = this.tick;
    for (const i of new Set(indexes))
      for (const listener of [...(this.rowListeners.get(i) ?? [])]) listener();
    for (const listener of [...this.listeners]) listener();
  }
}
