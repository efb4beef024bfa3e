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
  const atStart = page <= 1;
  const atEnd = page >= pages;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center gap-2 text-sm">
      <Button variant="secondary" onClick={() => onPage(1)} disabled={atStart}>
        First
      </Button>
      <Button
        variant="secondary"
        onClick={() => onPage(Math.min(page - 1, pages))}
        disabled={atStart}
      >
        Previous
      </Button>
      <span className="px-2 text-slate-700">
        Page {page} of {pages}
      </span>
      <Button variant="secondary" onClick={() => onPage(page + 1)} disabled={atEnd}>
        Next
      </Button>
      <Button variant="secondary" onClick={() => onPage(pages)} disabled={atEnd}>
        Last
      </Button>
    </nav>
  );
}
