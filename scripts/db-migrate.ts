import { runScript } from "./run-script";

// runScript brings the database up and applies migrations before `main`.
await runScript(async () => {
  console.log("migrations applied");
});
