import { type ProfileSelection, resolveProfile } from "./core/profile";
import { SANDBOX_DEFAULT_HOST, SANDBOX_DEFAULT_PORTS } from "./credentials";
import {
  createHybridboxSandbox,
  type HybridboxSandbox,
  type HybridboxSandboxOptions,
} from "./hybridbox/create-hybridbox-sandbox";
import {
  createZcomSandbox,
  type ZcomSandbox,
  type ZcomSandboxOptions,
} from "./zcom/create-zcom-sandbox";

export * from "./credentials";
export type {
  FaultConfig,
  FaultScope,
  RetryAfterFormat,
  ErrorBodyFormat,
} from "./core/fault-config";
export type { StatsSnapshot } from "./core/stats";
export {
  DEFAULT_VARIATIONS,
  profileFromEnv,
  resolveProfile,
  SANDBOX_PROFILE_ENV,
  SANDBOX_PROFILE_NAMES,
  SANDBOX_PROFILES,
  variationValues,
  type CommonVariations,
  type HybridboxErrorBody,
  type HybridboxVariations,
  type OptionalFields,
  type ProfileDefinition,
  type ProfileSelection,
  type ProviderName,
  type ResolvedProfile,
  type SandboxVariations,
  type SandboxVariationsInput,
  type ZcomErrorBody,
  type ZcomIdFormat,
  type ZcomVariations,
} from "./core/profile";
export {
  createHybridboxSandbox,
  HYBRIDBOX_DEFAULT_LIMITS,
  type HybridboxSandbox,
  type HybridboxSandboxOptions,
} from "./hybridbox/create-hybridbox-sandbox";
export type { HybridboxLimits, MailboxDto } from "./hybridbox/types";
export {
  createZcomSandbox,
  ZCOM_DEFAULT_LIMITS,
  type ZcomListenOptions,
  type ZcomSandbox,
  type ZcomSandboxOptions,
} from "./zcom/create-zcom-sandbox";
export type { EmailDto, ZcomLimits } from "./zcom/types";
export { ZCOM_SEED_PASSWORD } from "./zcom/seed";

export interface StartSandboxesOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * The profile both sandboxes run under (see SANDBOX_PROFILES): a name, several, or explicit
   * variations `{ profile?, hybridbox?, zcom? }` (each sandbox takes its own section). A
   * sandbox's own `profile` option, if given, wins over this one.
   */
  profile?: ProfileSelection;
  /** `false` leaves it off (that provider runs against the real API). Port default 4010. */
  hybridbox?: false | (HybridboxSandboxOptions & { port?: number });
  /** `false` leaves it off. Ports default 4020 (mail API) and 4021 (identity). */
  zcom?: false | (ZcomSandboxOptions & { mailPort?: number; identityPort?: number });
}

export interface StartedSandboxes {
  urls: { hybridbox?: string; zcomMail?: string; zcomIdentity?: string };
  hybridbox?: HybridboxSandbox;
  zcom?: ZcomSandbox;
  close(): Promise<void>;
}

/** Starts the sandboxes in this process (npm start, e2e, `npm run sandbox`). Port 0 = any free. */
export async function startSandboxes(
  options: StartSandboxesOptions = {},
): Promise<StartedSandboxes> {
  const host = options.host ?? SANDBOX_DEFAULT_HOST;
  const profile = splitProfile(options.profile);
  const started: StartedSandboxes = { urls: {}, close: async () => {} };
  const close = async () => {
    await Promise.all([started.hybridbox?.close(), started.zcom?.close()]);
  };
  started.close = close;
  try {
    if (options.hybridbox !== false) {
      const { port = SANDBOX_DEFAULT_PORTS.hybridbox, ...rest } = options.hybridbox ?? {};
      started.hybridbox = createHybridboxSandbox({ profile: profile.hybridbox, ...rest });
      started.urls.hybridbox = await started.hybridbox.listen(port, host);
    }
    if (options.zcom !== false) {
      const {
        mailPort = SANDBOX_DEFAULT_PORTS.zcomMail,
        identityPort = SANDBOX_DEFAULT_PORTS.zcomIdentity,
        ...rest
      } = options.zcom ?? {};
      started.zcom = createZcomSandbox({ profile: profile.zcom, ...rest });
      const urls = await started.zcom.listen({ mailPort, identityPort, host });
      started.urls.zcomMail = urls.mailUrl;
      started.urls.zcomIdentity = urls.identityUrl;
    }
  } catch (error) {
    // A port in use must not leave the other sandbox listening.
    await close();
    throw error;
  }
  return started;
}

/** One selection for both sandboxes → each one's part (explicit variations split by section). */
function splitProfile(selection: ProfileSelection | undefined): {
  hybridbox?: ProfileSelection;
  zcom?: ProfileSelection;
} {
  if (selection === undefined) return {};
  // Checked whole first, so a typo names itself even in the section a sandbox would not read.
  const resolved = resolveProfile(selection);
  if (!resolved.ok) throw new Error(`invalid sandbox profile: ${resolved.error}`);
  if (typeof selection === "string" || Array.isArray(selection)) {
    return { hybridbox: selection, zcom: selection };
  }
  const { hybridbox, zcom, profile } = selection as Exclude<
    ProfileSelection,
    string | readonly string[]
  >;
  return {
    hybridbox: {
      ...(profile === undefined ? {} : { profile }),
      ...(hybridbox ? { hybridbox } : {}),
    },
    zcom: { ...(profile === undefined ? {} : { profile }), ...(zcom ? { zcom } : {}) },
  };
}
