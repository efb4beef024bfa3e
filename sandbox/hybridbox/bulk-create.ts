import { json } from "../core/http-io";
import type { Handler } from "../core/router";
import type { HybridboxContext } from "./context";
import { detail, readJsonBody, readObject, unprocessable, type ValidationIssue } from "./fastapi";
import { checkNames, localPartProblem } from "./rules";
import type { DomainRecord, MailboxDto } from "./types";
import { itemCode } from "./variations";

interface Item {
  first_name: string;
  last_name: string;
  local_part: string;
}

type Outcome = { created: MailboxDto } | { code: string; message: string };

/**
 * POST /mailboxes/bulk. Request-level problems (shape, size, domain) fail the whole request;
 * everything about one item fails only that item, reported by its index in `items`.
 */
export const bulkCreate =
  (ctx: HybridboxContext): Handler =>
  ({ headers, body }) => {
    const parsed = readJsonBody(headers, body);
    if (!parsed.ok) return parsed.reply;
    const issues: ValidationIssue[] = [];
    const request = readObject(parsed.value, ["body"], issues);
    const domainRef = request?.string("domain");
    const rawItems = request?.list("items");
    const { bulkMax } = ctx.limits();
    const v = ctx.variations();
    let items: Item[] = [];
    if (rawItems && rawItems.length > bulkMax && v.bulkOverMax !== "fastapi-422") {
      // Refused whole, before anything else is looked at; nothing is created.
      return detail(v.bulkOverMax === "413" ? 413 : 422, `too many items, at most ${bulkMax}`);
    }
    if (rawItems && rawItems.length > bulkMax) {
      issues.push(
        lengthIssue("too_long", `at most ${bulkMax} items`, rawItems.length, {
          max_length: bulkMax,
        }),
      );
    } else if (rawItems && rawItems.length === 0) {
      issues.push(lengthIssue("too_short", "at least 1 item", 0, { min_length: 1 }));
    } else if (rawItems) {
      items = readItems(rawItems, issues);
      // localPartCase "fold": upper case is folded and created, not refused.
      if (v.localPartCase === "fold") {
        items = items.map((i) => ({ ...i, local_part: i.local_part.toLowerCase() }));
      }
    }
    if (issues.length > 0 || domainRef === undefined) return unprocessable(issues);

    const domain = ctx.store.findDomain(domainRef);
    if (!domain) return detail(404, "Domain not found");

    const created: { index: number; mailbox: MailboxDto }[] = [];
    const failed: { index: number; code: string; message: string }[] = [];
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const outcome = createItem(ctx, domain, item, seen.get(item.local_part));
      if (!seen.has(item.local_part)) seen.set(item.local_part, index);
      if ("created" in outcome) created.push({ index, mailbox: outcome.created });
      else failed.push({ index, code: itemCode(outcome.code, v), message: outcome.message });
    });
    return json(failed.length > 0 ? v.partialBulkStatus : 200, { created, failed });
  };

function createItem(
  ctx: HybridboxContext,
  domain: DomainRecord,
  item: Item,
  earlierIndex: number | undefined,
): Outcome {
  const localProblem = localPartProblem(item.local_part);
  if (localProblem) return { code: "invalid_local_part", message: localProblem };
  const names = checkNames(item.first_name, item.last_name);
  if (!names.ok) return { code: "invalid_name", message: names.message };
  if (earlierIndex !== undefined) {
    return {
      code: "duplicate_in_request",
      message: `${item.local_part}@${domain.name} already appears at index ${earlierIndex} of this request`,
    };
  }
  if (ctx.store.addressTaken(domain, item.local_part)) {
    return { code: "mailbox_exists", message: `${item.local_part}@${domain.name} already exists` };
  }
  const cap = ctx.limits().mailboxCapPerDomain;
  if (ctx.store.countOn(domain.id) >= cap) {
    return {
      code: "quota_exceeded",
      message: `${domain.name} has reached its limit of ${cap} mailboxes`,
    };
  }
  const mailbox = ctx.store.create(domain, {
    first_name: names.firstName,
    last_name: names.lastName,
    local_part: item.local_part,
  });
  ctx.recordCreate(mailbox);
  return { created: mailbox };
}

function readItems(raw: unknown[], issues: ValidationIssue[]): Item[] {
  const items: Item[] = [];
  raw.forEach((value, i) => {
    const reader = readObject(value, ["body", "items", i], issues);
    if (!reader) return;
    const first_name = reader.string("first_name");
    const last_name = reader.string("last_name");
    const local_part = reader.string("local_part");
    if (first_name !== undefined && last_name !== undefined && local_part !== undefined) {
      items.push({ first_name, last_name, local_part });
    }
  });
  return items;
}

function lengthIssue(
  type: "too_long" | "too_short",
  bound: string,
  actual: number,
  ctx: Record<string, number>,
): ValidationIssue {
  return {
    type,
    loc: ["body", "items"],
    msg: `List should have ${bound} after validation, not ${actual}`,
    ctx: { field_type: "List", ...ctx, actual_length: actual },
  };
}
