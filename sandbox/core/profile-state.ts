import type { AdminResult } from "./admin";
import {
  describeProfile,
  parseProfileBody,
  type ProfileSelection,
  type ProviderName,
  type ResolvedProfile,
  resolveProfile,
  type SandboxVariations,
} from "./profile";

/**
 * The profile one sandbox runs under: the start profile (start option; again after every
 * reset) and the one in force (PUT /__sandbox/profile). `apply` is told each time it changes.
 */
export class ProfileState<P extends ProviderName> {
  private readonly start: ResolvedProfile;
  private current: ResolvedProfile;

  constructor(
    private readonly provider: P,
    selection: ProfileSelection | undefined,
    private readonly apply: (variations: SandboxVariations[P]) => void,
  ) {
    // Start options are checked like the admin route checks them: a typo must fail loudly.
    const resolved = resolveProfile(selection, provider);
    if (!resolved.ok) throw new Error(`invalid sandbox profile: ${resolved.error}`);
    this.start = resolved.value;
    this.current = resolved.value;
  }

  /** The variations in force; handlers read this on every request. */
  get variations(): SandboxVariations[P] {
    return this.current.variations[this.provider];
  }

  /** Back to the start profile (part of a reset). */
  reset(): void {
    this.current = this.start;
    this.apply(this.variations);
  }

  describe() {
    return describeProfile(this.current, this.provider);
  }

  /** PUT /__sandbox/profile. */
  set(body: unknown): AdminResult {
    const parsed = parseProfileBody(body, this.provider);
    if (!parsed.ok) return parsed;
    this.current = parsed.value;
    this.apply(this.variations);
    return { ok: true, value: this.describe() };
  }
}
