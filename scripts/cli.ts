import { Command, Option } from "commander";
import { sql } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import { API_KEY_SCOPES, ROLES } from "@/db/schema/enums";
import { systemActor } from "@/lib/domain/actor";
import { createApiKey } from "@/lib/domain/api-keys/api-keys";
import { verifyAuditChain } from "@/lib/domain/audit/verify-audit-chain";
import { rotateSigningKeys } from "@/lib/domain/jit/rotate-signing-keys";
import { createUser } from "@/lib/domain/users/users";
import { AppError } from "@/lib/errors";
import { toProblem } from "@/lib/server/problem";
import { createApiKeyInput } from "@/lib/validation/api-keys";
import { createUserInput } from "@/lib/validation/users";
import { runScript } from "./run-script";

const actor = systemActor("cli");
const collect = (value: string, previous: string[] = []) => [...previous, value];

function fail(error: unknown): number {
  const p = toProblem(error);
  console.error(`error: ${p.detail}`);
  return 1;
}

const program = new Command("countersign").description("Countersign command line").exitOverride();

program
  .command("user")
  .description("manage users")
  .command("create")
  .requiredOption("--email <email>")
  .requiredOption("--name <name>")
  .addOption(new Option("--role <role>", "repeatable").choices(ROLES).argParser(collect).makeOptionMandatory())
  .action((opts: { email: string; name: string; role: string[] }) =>
    runScript(async () => {
      try {
        const user = await createUser(actor, createUserInput.parse({ email: opts.email, name: opts.name, roles: opts.role }));
        console.log(`created user ${user.email} (${user.id}) roles=${user.roles.join(",")}`);
      } catch (error) {
        return fail(error);
      }
    }),
  );

program
  .command("api-key")
  .description("manage API keys")
  .command("create")
  .requiredOption("--user <email>")
  .requiredOption("--name <name>")
  .addOption(new Option("--scope <scope>", "repeatable").choices(API_KEY_SCOPES).argParser(collect).makeOptionMandatory())
  .option("--expires-in-days <days>", "lifetime in days", "90")
  .action((opts: { user: string; name: string; scope: string[]; expiresInDays: string }) =>
    runScript(async () => {
      try {
        const [owner] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${opts.user})`);
        if (!owner) throw AppError.invalid("user", `no user with e-mail ${opts.user}`);
        const created = await createApiKey(
          actor,
          createApiKeyInput.parse({ userId: owner.id, name: opts.name, scopes: opts.scope, expiresInDays: opts.expiresInDays }),
        );
        console.error(`created API key ${created.prefix}… for ${opts.user}, scopes ${created.scopes.join(",")}, expires ${created.expiresAt?.toISOString()}`);
        console.log(created.key); // alone on the last line of stdout (API.md)
      } catch (error) {
        return fail(error);
      }
    }),
  );

program
  .command("audit")
  .description("audit trail")
  .command("verify")
  .action(() =>
    runScript(async () => {
      const verdict = await verifyAuditChain(db);
      if (verdict.ok) {
        console.log(`audit chain intact: ${verdict.events} events, head ${verdict.lastHash}`);
        return 0;
      }
      console.log(`audit chain BROKEN at event #${verdict.brokenAt.seq} (${verdict.brokenAt.id}): ${verdict.problem}`);
      return 1;
    }),
  );

program
  .command("keys")
  .description("signing keys for JIT tokens and CAEP events")
  .command("rotate")
  .description("make a new active key; the old one verifies its tokens until they expire")
  .action(() =>
    runScript(async () => {
      try {
        const rotated = await rotateSigningKeys(actor);
        console.log(`new signing key ${rotated.kid} is active`);
        if (rotated.retired.length === 0) console.log("no previous key to retire");
        for (const old of rotated.retired) {
          console.log(`retired key ${old.kid}, verifiable until ${old.verifyUntil?.toISOString() ?? "now"}`);
        }
      } catch (error) {
        return fail(error);
      }
    }),
  );

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const code = (error as { exitCode?: number }).exitCode;
  process.exit(code === 0 ? 0 : 2);
}
