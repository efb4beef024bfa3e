import { withRoute } from "@/lib/auth/route";
import { loadDomains } from "@/lib/domains/data";
import { loadedResponse } from "@/lib/domains/respond";
import { providerIdSchema } from "@/lib/mailboxes/provider-id";

/** One provider's domains (`?provider=hybridbox|zcom`), or why the provider cannot list them. */
export const GET = withRoute<Record<string, never>>("viewer", async (request) => {
  const provider = providerIdSchema.safeParse(new URL(request.url).searchParams.get("provider"));
  if (!provider.success) {
    return Response.json(
      { error: "Name a provider: ?provider=hybridbox or ?provider=zcom." },
      { status: 400 },
    );
  }
  return loadedResponse(await loadDomains(provider.data, request.signal));
});
