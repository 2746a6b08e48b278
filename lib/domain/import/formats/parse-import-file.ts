import type { ImportFormat } from "@/lib/validation/import";
import type { ParseResult } from "../types";
import { parseAwsCredentialReport } from "./aws-credential-report";
import { parseInventoryCsv } from "./csv";
import { parseK8sServiceAccounts } from "./k8s-serviceaccounts";

/** Every format's pure parser: text in, rows and row-level rejections out; whole-file errors throw a 422. */
export function parseImportFile(format: ImportFormat, text: string): ParseResult {
  switch (format) {
    case "csv":
      return parseInventoryCsv(text);
    case "aws-credential-report":
      return parseAwsCredentialReport(text);
    case "k8s-serviceaccounts":
      return parseK8sServiceAccounts(text);
  }
}
