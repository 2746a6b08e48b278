import { sql } from "drizzle-orm";
import { type DbOrTx, db } from "@/db";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/domain/db-errors";
import { AppError, isAppError } from "@/lib/errors";
import type { ImportFormat } from "@/lib/validation/import";
import { parseImportFile } from "./formats/parse-import-file";
import { identityKey, loadExistingCredentials, loadExistingNhis, resolveOwners } from "./load-existing";
import { type StoredState, planImport } from "./plan-import";
import type { Environment, ImportResult, ParseResult } from "./types";
import { writeImportPlan } from "./write-import";

/** Serialises applies: two imports of overlapping files would otherwise plan against each other's unwritten rows. */
const IMPORT_LOCK = 7_202_613;

export type ImportOptions = { dryRun: boolean; environment: Environment };

/**
 * Imports an inventory file. A dry run answers what would be created, updated
 * and rejected without writing; an apply writes every valid row and one audit
 * event in a single transaction, so a failure anywhere leaves nothing behind.
 * Whole-file problems (wrong header, invalid JSON) throw a 422 before any read.
 */
export async function importInventory(actor: Actor, format: ImportFormat, text: string, options: ImportOptions): Promise<ImportResult> {
  requirePermission(actor, "import.run");
  const parsed = parseImportFile(format, text);

  if (options.dryRun) {
    const plan = await withoutFileContents(
      db.transaction(async (tx) => planImport(parsed, await loadStoredState(tx, parsed), options.environment), {
        isolationLevel: "repeatable read",
        accessMode: "read only",
      }),
    );
    return { format, dryRun: true, ...plan.summary };
  }

  return withoutFileContents(
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
      const plan = planImport(parsed, await loadStoredState(tx, parsed), options.environment);
      await writeImportPlan(tx, plan);
      await recordAuditEvent(tx, actor, {
        action: "inventory.imported",
        targetType: "inventory",
        after: { format, environment: options.environment, ...plan.summary.totals },
      });
      return { format, dryRun: false, ...plan.summary };
    }),
  );
}

/**
 * drizzle's error message carries the query parameters, i.e. the file's rows,
 * and a 500 gets logged: keep only the database's own reason so logs never
 * hold file contents.
 */
async function withoutFileContents<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error)) throw error;
    if (isUniqueViolation(error, "nhis_provider_external_idx")) {
      throw AppError.conflict("An identity in the file was created by someone else while the import ran; nothing was written. Import again.");
    }
    throw new Error(`Import rolled back, nothing was written: ${rootCause(error)}`);
  }
}

function rootCause(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message.split("\n")[0]!.slice(0, 300) : "unknown error";
}

/** What is stored for the identities, credentials and owners the file names: a handful of set-based queries. */
async function loadStoredState(tx: DbOrTx, parsed: ParseResult): Promise<StoredState> {
  const nhis = await loadExistingNhis(tx, parsed.rows);
  const withCredentials = parsed.rows.filter((r) => r.credentials.length > 0);
  const nhiIds = withCredentials.flatMap((r) => nhis.get(identityKey(r.provider, r.externalId))?.id ?? []);
  const credentials = await loadExistingCredentials(tx, nhiIds);
  const owners = await resolveOwners(tx, parsed.rows.flatMap((r) => r.ownerEmail ?? []));
  return { nhis, credentials, owners };
}
