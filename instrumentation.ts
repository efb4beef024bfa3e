export async function register() {
  // Node only: the database, the key file and the provider clients cannot run on the edge.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/server/startup");
    try {
      await startServer();
    } catch (error) {
      // A server without valid configuration or a database must not take requests: say why, stop.
      console.error(
        `\nStart-up failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    }
  }
}
