import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/query-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Mailbox Console", template: "%s · Mailbox Console" },
  description: "Create mailboxes in bulk on Hybridbox and Z.com Mail Hosting.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: its scripts carry this response's CSP nonce (proxy.ts),
  // which a page prerendered at build time (the 404 page, for one) could not have.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}
