// The web server (scripts/e2e-server.ts) prepares the database; nothing else is shared.
export default async function globalSetup() {}
