/**
 * The people of the e2e identity provider. Each login name plays one part in e2e/sso.spec.ts;
 * the provider's own login page accepts any password for them.
 */
export interface IdpAccount {
  name: string;
  email: string;
  groups: string[];
}

export const IDP_ACCOUNTS = {
  /** No group the console maps: signs in with the default role, then again, then out. */
  sam: { name: "Sam Single", email: "sam@idp.example.test", groups: ["staff"] },
  /** In the operators' group: the console gives the operator role from the claim. */
  olga: { name: "Olga Ops", email: "olga@idp.example.test", groups: ["staff", "mail-operators"] },
  /** Refuses consent at the provider: never gets an account. */
  dana: { name: "Dana Denied", email: "dana@idp.example.test", groups: ["console-admins"] },
  /** Their authorization codes live one second: a slow callback finds the code expired. */
  lena: { name: "Lena Late", email: "lena@idp.example.test", groups: ["console-admins"] },
  /** Their ID tokens come back as another issuer's (another tenant, signed with shared keys). */
  ivan: { name: "Ivan Issuer", email: "ivan@idp.example.test", groups: ["console-admins"] },
  /** Their ID tokens come back for another client (audience) of the same provider. */
  aude: { name: "Aude Audience", email: "aude@idp.example.test", groups: ["console-admins"] },
} as const satisfies Record<string, IdpAccount>;

export type IdpLogin = keyof typeof IDP_ACCOUNTS;

/** Codes for `lena` expire after this many seconds. */
export const SHORT_CODE_TTL_SECONDS = 1;
/** What the provider writes into `ivan`'s and `aude`'s ID tokens instead of the truth. */
export const FORGED_CLAIMS: Partial<Record<IdpLogin, (issuer: string) => Record<string, string>>> =
  {
    ivan: (issuer) => ({ iss: `${issuer}/other-tenant` }),
    aude: () => ({ aud: "another-app" }),
  };
