import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * `npm run bench -- <name>` runs bench/<name>/run.ts (see BENCHMARKS.md for
 * what each measures); without a name it lists them.
 */
const root = import.meta.dirname;
const available = fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, "run.ts")));
const name = process.argv[2];
if (!name || !available.some((e) => e.name === name)) {
  console.log(`usage: npm run bench -- <${available.map((e) => e.name).join("|")}>`);
  process.exit(name ? 2 : 0);
}
const result = spawnSync("npx", ["tsx", path.join(root, name, "run.ts"), ...process.argv.slice(3)], { stdio: "inherit" });
process.exit(result.status ?? 1);
