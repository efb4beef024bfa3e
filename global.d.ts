import type en from "./messages/en.json";
import type { Locale } from "./lib/i18n/locales";

// Keys and ICU arguments of t() are checked against the English catalog (the parity test keeps
// ko and ja in step with it).
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
