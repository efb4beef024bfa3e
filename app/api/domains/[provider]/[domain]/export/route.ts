import { getTranslations } from "next-intl/server";
import { recordAudit } from "@/lib/audit/record";
import { withRoute } from "@/lib/auth/route";
import { CSV_BOM } from "@/lib/csv";
import { csvFileName, csvHeader, csvRow } from "@/lib/domains/csv";
import { explainMailboxFailure, withJobLinks } from "@/lib/domains/data";
import { failureResponse, readDomainTarget } from "@/lib/domains/respond";
import { mailboxPages } from "@/lib/domains/scan";
import { log } from "@/lib/log";
import type { Mailbox } from "@/lib/providers/types";

/**
 * The whole domain as CSV, streamed one provider page at a time (a domain of 50,000 never sits in
 * memory). The first page is read before answering, so a provider that is down gets a proper
 * error status; a failure later breaks the download off, which the browser shows as failed,
 * rather than ending a file that looks complete but is not.
 */
export const GET = withRoute<{ provider: string; domain: string }>(
  "viewer",
  async (request, ctx, params) => {
    const target = readDomainTarget(params);
    if (!target.ok) return target.response;
    const { provider, domain } = target;
    // A download may wait out a busy provider longer than a page would.
    const pages = mailboxPages(provider, domain, { signal: request.signal, waitBudgetMs: 120_000 });
    let first: IteratorResult<Mailbox[]>;
    try {
      first = await pages.next();
    } catch (error) {
      return failureResponse(await explainMailboxFailure(error, provider, domain));
    }
    await recordAudit({
      action: "domain.exported",
      actor: ctx.user,
      provider,
      domain,
      details: { format: "csv" },
      ip: ctx.ip,
    });

    // Headers in the admin's locale (English keeps the machine-friendly names it always had).
    const t = await getTranslations("domainCsv");
    const encoder = new TextEncoder();
    let rows = 0;
    const encodePage = async (page: Mailbox[]) => {
      const linked = await withJobLinks(provider, domain, page);
      rows += linked.length;
      return encoder.encode(linked.map((m) => csvRow(provider, m)).join(""));
    };
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(CSV_BOM + csvHeader(provider, (column) => t(column))));
        if (first.done) controller.close();
        else controller.enqueue(await encodePage(first.value));
      },
      async pull(controller) {
        try {
          const next = await pages.next();
          if (next.done) {
            log.info({ provider, domain, rows, user: ctx.user.email }, "domain exported");
            controller.close();
          } else {
            controller.enqueue(await encodePage(next.value));
          }
        } catch (error) {
          log.warn({ err: error, provider, domain, rows }, "domain export broken off");
          controller.error(error);
        }
      },
      async cancel() {
        await pages.return(undefined);
      },
    });
    const fileName = csvFileName(domain);
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
