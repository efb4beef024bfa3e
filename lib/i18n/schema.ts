import { z } from "zod";
import { LOCALES } from "./locales";

export const setLocaleSchema = z.object({ locale: z.enum(LOCALES) });
