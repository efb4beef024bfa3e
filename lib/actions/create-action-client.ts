import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Coded } from "@/lib/i18n/coded";
import { inEnglish } from "@/lib/i18n/english";
import { UserError } from "@/lib/user-error";
import type { ActionResult, FieldErrors } from "./result";

/**
 * Every server action goes through one wrapper: authorise → validate with the shared schema →
 * run with a typed context. A server action is a public HTTP endpoint; the page that renders the
 * form does not protect it, so the check lives here and cannot be forgotten.
 *
 * The client is built with its dependencies (how to authorise, where to report errors) so tests
 * can drive it without a server; lib/actions/index.ts binds it to the real session.
 */
export type Authorize<Role, Ctx> = (
  role: Role,
) => Promise<{ ok: true; ctx: Ctx } | { ok: false; formError: string; formErrorCode?: Coded }>;

export interface ActionClientDeps<Role, Ctx> {
  authorize: Authorize<Role, Ctx>;
  /** Called with every unexpected error and the reference shown to the admin. */
  reportError: (error: unknown, info: { action: string; ref: string }) => void;
  /** Errors a framework uses for control flow (redirect, notFound) must be thrown on. */
  rethrowIfFramework?: (error: unknown) => void;
}

export interface ActionDefinition<S extends z.ZodType, Role> {
  name: string;
  schema: S;
  role: Role;
}

export function createActionClient<Role, Ctx>(deps: ActionClientDeps<Role, Ctx>) {
  return function action<S extends z.ZodType, T>(
    definition: ActionDefinition<S, Role>,
    handler: (input: z.output<S>, ctx: Ctx) => Promise<T>,
  ): (input: z.input<S>) => Promise<ActionResult<T>> {
    return async (input) => {
      try {
        const auth = await deps.authorize(definition.role);
        if (!auth.ok) {
          return {
            ok: false,
            formError: auth.formError,
            ...(auth.formErrorCode ? { formErrorCode: auth.formErrorCode } : {}),
          };
        }

        const parsed = await definition.schema.safeParseAsync(input);
        if (!parsed.success) {
          return {
            ok: false,
            ...failure({ key: "errors.checkFields" }),
            fieldErrors: toFieldErrors(parsed.error),
          };
        }
        return { ok: true, data: await handler(parsed.data, auth.ctx) };
      } catch (error) {
        deps.rethrowIfFramework?.(error);
        if (error instanceof UserError) {
          return {
            ok: false,
            formError: error.message,
            ...(error.code ? { formErrorCode: error.code } : {}),
            ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
          };
        }
        const ref = randomUUID().slice(0, 8);
        deps.reportError(error, { action: definition.name, ref });
        return { ok: false, ...failure({ key: "errors.serverFailed", params: { ref } }) };
      }
    };
  };
}

/** A coded message with its English wording beside it. */
function failure(code: Coded) {
  return { formError: inEnglish(code), formErrorCode: code };
}

/** zod issues → `{ "rows.3.localPart": ["…"] }`; issues about the whole input go under "". */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}
