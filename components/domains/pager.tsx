import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export function Pager({
  page,
  pages,
  onPage,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  const t = useTranslations("pager");
  const atStart = page <= 1;
  const atEnd = page >= pages;
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center gap-2 text-sm">
      <Button variant="secondary" onClick={() => onPage(1)} disabled={atStart}>
        {t("first")}
      </Button>
      <Button
        variant="secondary"
        onClick={() => onPage(Math.min(page - 1, pages))}
        disabled={atStart}
      >
        {t("previous")}
      </Button>
      <span className="px-2 text-slate-700">{t("pageOf", { page, pages })}</span>
      <Button variant="secondary" onClick={() => onPage(page + 1)} disabled={atEnd}>
        {t("next")}
      </Button>
      <Button variant="secondary" onClick={() => onPage(pages)} disabled={atEnd}>
        {t("last")}
      </Button>
    </nav>
  );
}
