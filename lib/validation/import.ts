import { z } from "zod";
import { ENVIRONMENTS } from "@/db/schema/enums";

export const IMPORT_FORMATS = ["csv", "aws-credential-report", "k8s-serviceaccounts"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const importFormat = z.enum(IMPORT_FORMATS);

/** What each format is, in one line, for the Import page and the OpenAPI summary. */
export const IMPORT_FORMAT_INFO: Record<ImportFormat, { label: string; description: string; accept: string }> = {
  csv: {
    label: "Countersign CSV",
    description: "One identity per row in the documented column layout; any provider.",
    accept: ".csv,text/csv",
  },
  "aws-credential-report": {
    label: "AWS IAM credential report",
    description: "The CSV from `aws iam get-credential-report`: IAM users become identities, their access keys and certificates credentials.",
    accept: ".csv,text/csv",
  },
  "k8s-serviceaccounts": {
    label: "Kubernetes service accounts",
    description: "The JSON from `kubectl get serviceaccounts -A -o json`; legacy token secrets become credentials.",
    accept: ".json,application/json",
  },
};

/** Largest file the import accepts; bigger inventories are split into several imports. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

const flag = z
  .enum(["true", "false", "1", "0"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

/** `?dryRun=true&environment=staging` on `POST /api/v1/import/{format}`. */
export const importQuery = z
  .object({
    dryRun: flag.default(false),
    environment: z.enum(ENVIRONMENTS, { message: `must be one of ${ENVIRONMENTS.join(", ")}` }).default("prod"),
  })
  .strict();
export type ImportQuery = z.infer<typeof importQuery>;
