"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { existingLocalPartsAction } from "@/lib/actions/existing-local-parts";
import { submitJobPartAction } from "@/lib/actions/submit-job-part";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { RowChecker, type EditorRow } from "@/lib/bulk/editor-rows";
import { createVersionStore } from "@/lib/bulk/version-store";
import type { Pattern } from "@/lib/mailboxes/derive";
import { generatePassword } from "@/lib/mailboxes/password";
import { PROVIDER_LABELS, type ProviderId } from "@/lib/mailboxes/provider-id";
import { JOB_MAX_PARTS, splitIntoParts } from "@/lib/jobs/submission";
import { MAX_ROWS_PER_JOB } from "@/lib/mailboxes/schema";
import { BulkGrid, type GridForm } from "./bulk-grid";
import { AttentionLine, PlanAndSubmit, ProblemLinks } from "./bulk-summary";
import { PasteInput } from "./paste-input";
import { TargetPicker, type ProviderDomains } from "./target-picker";

export interface BulkEditorProps {
  providers: ProviderDomains[];
  initial: {
    provider?: ProviderId;
    domain?: string;
    retryOf?: string;
    rows?: Omit<EditorRow, "skip" | "derived" | "suffixed" | "password">[];
  };
}

const PATTERNS: { id: string; label: string; pattern: Pattern }[] = [
  { id: "first.last", label: "first.last", pattern: "first.last" },
  { id: "f.last", label: "f.last", pattern: "f.last" },
  { id: "firstlast", label: "firstlast", pattern: "firstlast" },
  { id: "first", label: "first", pattern: "first" },
];

/**
 * Paste → check every cell → fix in place → submit. Rows live in a react-hook-form field array;
 * their problems come from the provider's shared row schema (lib/bulk/editor-rows.ts), re-checked
 * row by row as the admin types.
 */
// Loaded on first use: the parser and the name rules stay out of the page's first load. Both at
// once, so a paste settles in one render (each render of the field array's owner is costly).
let tools:
  | Promise<typeof import("@/lib/mailboxes/paste") & typeof import("@/lib/mailboxes/derive")>
  | undefined;
const listTools = () =>
  (tools ??= Promise.all([import("@/lib/mailboxes/paste"), import("@/lib/mailboxes/derive")]).then(
    ([paste, derive]) => ({ ...paste, ...derive }),
  ));

export function BulkEditor({ providers, initial }: BulkEditorProps) {
  const router = useRouter();
  const [provider, setProvider] = useState<ProviderId>(
    initial.provider ?? providers[0]?.id ?? "hybridbox",
  );
  const [domain, setDomain] = useState(initial.domain ?? "");
  const [patternId, setPatternId] = useState("first.last");
  const [custom, setCustom] = useState("{first}.{last}");
  const [existing, setExisting] = useState<ReadonlySet<string>>(new Set());
  const [existingNote, setExistingNote] = useState<string>();
  const [showPasswords, setShowPasswords] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const [notice, setNotice] = useState<string>();
  const [sending, setSending] = useState<string>();
  const submissionId = useRef<string>(crypto.randomUUID());
  const scrollRef = useRef<{ scrollTo: (index: number) => void } | null>(null);

  const form = useForm<GridForm>({
    defaultValues: {
      rows: (initial.rows ?? []).map((r) => ({
        ...r,
        password: "",
        skip: false,
        derived: false,
        suffixed: false,
      })),
    },
  });
  const { fields, replace, remove, update } = useFieldArray({
    control: form.control,
    name: "rows",
  });
  const rows = useCallback(() => form.getValues("rows"), [form]);
  const checker = useMemo(() => {
    const made = new RowChecker(provider, rows);
    made.checkAll();
    return made;
  }, [provider, rows]);
  const pattern: Pattern =
    patternId === "custom" ? { custom } : PATTERNS.find((p) => p.id === patternId)!.pattern;

  const [store] = useState(createVersionStore);
  const refresh = () => store.bump();
  const listChanged = () => {
    submissionId.current = crypto.randomUUID();
    // Functional and unchanged when already clear: a keystroke must not re-render this component.
    setMessage((m) => (m === undefined ? m : undefined));
  };

  /** Local parts made from names (never over ones the admin typed), then every row checked. */
  const loadRows = async (
    list: EditorRow[],
    forProvider = provider,
    taken: ReadonlySet<string> = existing,
  ) => {
    const { fillMissingLocalParts } = await listTools();
    const derived = fillMissingLocalParts(
      forProvider,
      list.map((r) => ({ ...r, localPart: r.derived ? "" : r.localPart })),
      pattern,
      taken,
    );
    const next = list.map((r, i) => {
      const d = derived[i]!;
      if ("error" in d)
        return { ...r, localPart: r.derived ? "" : r.localPart, derived: false, suffixed: false };
      return { ...r, localPart: d.localPart, derived: d.derived, suffixed: d.suffixed };
    });
    replace(next);
    checker.checkAll();
    listChanged();
    refresh();
  };

  const onText = async (text: string) => {
    const { parsePaste } = await listTools();
    const parsed = parsePaste(text);
    const list: EditorRow[] = parsed.rows.map((r) => ({
      firstName: r.firstName,
      lastName: r.lastName,
      localPart: r.localPart,
      password: r.password,
      skip: false,
      derived: false,
      suffixed: false,
      source: r.source,
    }));
    if (list.length > MAX_ROWS_PER_JOB) {
      setMessage({
        tone: "error",
        text: `That is ${list.length.toLocaleString("en")} rows; a job takes at most ${MAX_ROWS_PER_JOB.toLocaleString("en")}. Split the list.`,
      });
      return;
    }
    await loadRows(list);
    // Addresses pasted for another domain are created on the chosen one: say so, never silently.
    const elsewhere = parsed.rows.filter(
      (r) => r.emailDomain && domain && r.emailDomain !== domain,
    ).length;
    const notes = [
      ...(elsewhere > 0
        ? [
            `${elsewhere} pasted addresses are on another domain; they will be created on ${domain}.`,
          ]
        : []),
      ...parsed.warnings.slice(0, 3),
    ];
    setNotice(notes.length > 0 ? notes.join(" ") : undefined);
  };

  const checkExisting = async (p = provider, d = domain) => {
    if (!d) return;
    setExistingNote("Checking which addresses already exist…");
    const result = await existingLocalPartsAction({ provider: p, domain: d });
    if (!result.ok) {
      setExistingNote(result.formError);
      return;
    }
    const set = new Set(result.data.localParts);
    setExisting(set);
    const current = rows();
    current.forEach((r, i) => {
      if (set.has(checker.normalized(i)) && !r.skip) update(i, { ...r, skip: true });
    });
    setExistingNote(`${set.size.toLocaleString("en")} mailboxes exist on ${d}.`);
    refresh();
  };

  const onEdit = (i: number) => {
    const row = rows()[i];
    if (row?.derived && row.localPart !== undefined)
      update(i, { ...row, derived: false, suffixed: false });
    checker.checkOne(i);
    listChanged();
    refresh();
  };

  const generateMissing = () => {
    rows().forEach((r, i) => {
      if (!r.password) update(i, { ...r, password: generatePassword() });
    });
    checker.checkAll();
    setShowPasswords(true);
    listChanged();
    refresh();
  };

  const submit = async () => {
    setMessage(undefined);
    const all = rows();
    const total = all.length;
    const wire = all.map((r, i) => ({
      firstName: r.firstName,
      lastName: r.lastName,
      localPart: r.localPart,
      ...(provider === "zcom" ? { password: r.password } : {}),
      skip: r.skip && existing.has(checker.normalized(i)),
      source: r.source,
    }));
    // Parts of at most 10,000 rows and 1.5 MB each: a wide spreadsheet makes big rows.
    const parts = splitIntoParts(wire);
    if (parts.length > JOB_MAX_PARTS) {
      setMessage({
        tone: "error",
        text: `This list is too large to send in one job (${parts.length} parts of 1.5 MB; at most ${JOB_MAX_PARTS}). Remove columns you do not need, or split the list.`,
      });
      return;
    }
    const failed = (partNo: number, text: string) => {
      setSending(undefined);
      const where = parts.length > 1 ? `Part ${partNo + 1} of ${parts.length}: ` : "";
      setMessage({ tone: "error", text: `${where}${text}` });
    };
    let jobId: string | undefined;
    for (const [partNo, part] of parts.entries()) {
      setSending(
        parts.length > 1 ? `Sending part ${partNo + 1} of ${parts.length}…` : "Submitting…",
      );
      let result: Awaited<ReturnType<typeof submitJobPartAction>>;
      try {
        result = await submitJobPartAction({
          submissionId: submissionId.current,
          provider,
          domain,
          partNo,
          partsTotal: parts.length,
          rowsTotal: total,
          firstRow: part.firstRow,
          ...(initial.retryOf ? { retryOf: initial.retryOf } : {}),
          rows: part.rows,
        });
      } catch (error) {
        // The server refused the request itself (too large, unreachable): nothing was stored
        // for this part, and the job does not start until every part is in.
        failed(
          partNo,
          `the server did not take it (${error instanceof Error ? error.message : String(error)}). Nothing has started; submit again to send the rest (parts already sent are not sent twice).`,
        );
        return;
      }
      if (!result.ok) {
        failed(partNo, result.formError ?? "The job could not be submitted.");
        const first = Object.keys(result.fieldErrors ?? {}).find((k) => k.startsWith("rows."));
        if (first) scrollRef.current?.scrollTo(part.firstRow + Number(first.split(".")[1]));
        return;
      }
      jobId = result.data.jobId;
    }
    setSending("Opening the job…");
    router.push(`/jobs/${jobId}`);
  };

  // A preset domain (from a domain page or "retry failed"): look for existing addresses at once.
  const checkedInitial = useRef(false);
  useEffect(() => {
    if (checkedInitial.current || !initial.domain) return;
    checkedInitial.current = true;
    void checkExisting(provider, initial.domain);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="space-y-4">
      <TargetPicker
        providers={providers}
        provider={provider}
        domain={domain}
        onChange={(p, d) => {
          const providerChanged = p !== provider;
          setProvider(p);
          setDomain(d);
          setExisting(new Set());
          setExistingNote(undefined);
          if (providerChanged && fields.length > 0) void loadRows(rows(), p, new Set());
          else listChanged();
          void checkExisting(p, d);
        }}
      />
      {provider === "hybridbox" ? (
        <p className="rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-900">
          Hybridbox creates mailboxes without returning a password: there is no password column, and
          none is invented.
        </p>
      ) : null}
      <PasteInput onText={onText} />
      {notice ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {notice}
        </p>
      ) : null}
      {fields.length > 0 ? (
        <section
          aria-labelledby="rows-heading"
          className="rounded-lg border border-slate-200 bg-white"
        >
          <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-100 p-4">
            <div>
              <h2 id="rows-heading" className="text-lg font-semibold">
                {fields.length.toLocaleString("en")} rows for {PROVIDER_LABELS[provider]}
              </h2>
              <AttentionLine
                store={store}
                checker={checker}
                rows={rows}
                count={fields.length}
                existing={existing}
                {...(existingNote ? { note: existingNote } : {})}
              />
            </div>
            <div className="flex flex-wrap items-end gap-2 text-sm">
              <label>
                <span className="block text-xs text-slate-600">Local parts from names</span>
                <select
                  value={patternId}
                  onChange={(e) => setPatternId(e.target.value)}
                  className="rounded-md border border-slate-300 px-2 py-1.5"
                >
                  {PATTERNS.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                    </option>
                  ))}
                  <option value="custom">custom…</option>
                </select>
              </label>
              {patternId === "custom" ? (
                <label>
                  <span className="block text-xs text-slate-600">
                    Template ({"{first} {last} {f} {l}"})
                  </span>
                  <input
                    value={custom}
                    onChange={(e) => setCustom(e.target.value)}
                    className="rounded-md border border-slate-300 px-2 py-1.5"
                  />
                </label>
              ) : null}
              <Button type="button" variant="secondary" onClick={() => void loadRows(rows())}>
                Apply to empty local parts
              </Button>
              {provider === "zcom" ? (
                <>
                  <Button type="button" variant="secondary" onClick={generateMissing}>
                    Generate passwords for empty rows
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    aria-pressed={showPasswords}
                    onClick={() => setShowPasswords((s) => !s)}
                  >
                    {showPasswords ? "Hide passwords" : "Show passwords"}
                  </Button>
                </>
              ) : null}
            </div>
          </div>
          <ProblemLinks
            store={store}
            checker={checker}
            rows={rows}
            count={fields.length}
            onGo={(i) => scrollRef.current?.scrollTo(i)}
          />
          <BulkGrid
            count={fields.length}
            provider={provider}
            domain={domain}
            register={form.register}
            checker={checker}
            rows={rows}
            existing={existing}
            showPasswords={showPasswords}
            store={store}
            onEdit={onEdit}
            onToggleSkip={(i, skip) => {
              update(i, { ...rows()[i]!, skip });
              refresh();
            }}
            onRemove={(i) => {
              remove(i);
              checker.checkAll();
              listChanged();
              refresh();
            }}
            scrollRef={scrollRef}
          />
          <PlanAndSubmit
            store={store}
            checker={checker}
            rows={rows}
            count={fields.length}
            existing={existing}
            domain={domain}
            {...(sending ? { sending } : {})}
            onSubmit={() => void submit()}
          />
        </section>
      ) : null}
      <FormMessage tone={message?.tone}>{message?.text}</FormMessage>
    </div>
  );
}
