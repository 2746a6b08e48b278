import postgres from "postgres";

/** Drops the per-run database on the DATABASE_URL server (embedded runs wipe theirs at start). */
export default async function globalTeardown() {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) return;
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = "/postgres";
  const admin = postgres(u.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
