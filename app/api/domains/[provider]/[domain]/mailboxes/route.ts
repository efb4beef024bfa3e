import { withRoute } from "@/lib/auth/route";
import { loadMailboxes } from "@/lib/domains/data";
import { loadedResponse, readDomainTarget } from "@/lib/domains/respond";
import { parseView } from "@/lib/domains/view";

/** One page of a domain's mailboxes: `?page=&pageSize=&search=&sort=` (see lib/domains/view.ts). */
export const GET = withRoute<{ provider: string; domain: string }>(
  "viewer",
  async (request, _ctx, params) => {
    const target = readDomainTarget(params);
    if (!target.ok) return target.response;
    const view = parseView(new URL(request.url).searchParams, target.provider);
    return loadedResponse(
      await loadMailboxes(target.provider, target.domain, view, request.signal),
    );
  },
);
