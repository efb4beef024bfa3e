export async function register() {
  // Node only: the database, the key file and the provider clients cannot run on the edge.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/server/startup");
    await startServer();
  }
}
