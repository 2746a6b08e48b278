import type { Metadata } from "next";
import { FingerprintPattern } from "lucide-react";
import {
  CursorPagination,
  FilterForm,
  InlineAlert,
  OwnerName,
  type SearchParams,
  humanize,
  loadList,
  pickParams,
} from "@/components/lists/list-controls";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { type IdentityListItem, listIdentities } from "@/lib/domain/identities/list-identities";
import { requirePageActor } from "@/lib/server/page-actor";
import { formatDateTime, formatRelative } from "@/lib/utils";
import { listIdentitiesQuery, nhiStatus, provider } from "@/lib/validation/identities";

export const metadata: Metadata = { title: "Identities" };

const PROVIDER_LABEL: Record<IdentityListItem["provider"], string> = {
  aws: "AWS",
  gcp: "Google Cloud",
  azure: "Azure",
  kubernetes: "Kubernetes",
  github: "GitHub",
  okta: "Okta",
  openai: "OpenAI",
  snowflake: "Snowflake",
  custom: "Custom",
};

const STATUS_VARIANT: Record<IdentityListItem["status"], BadgeVariant> = {
  active: "success",
  suspended: "warning",
  decommissioned: "outline",
};

export default async function IdentitiesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const params = pickParams(await searchParams, ["q", "provider", "status", "cursor", "prev", "limit"]);
  const result = await loadList(listIdentitiesQuery, params, (query) => listIdentities(actor, query));
  const filtered = Boolean(params.q || params.provider || params.status);
  const now = new Date();

  return (
    <>
      <PageHeader
        title="Identities"
        description="The non-human identities (service accounts, API keys, OAuth clients, agents) that workflows run as, with their owner and how recently they were used."
      />
      <FilterForm label="Filter identities" pathname="/identities" active={filtered}>
        <Field label="Search" htmlFor="identities-q" error={result.fieldErrors.q} className="w-full sm:w-64">
          <Input type="search" name="q" defaultValue={params.q} placeholder="Name" />
        </Field>
        <Field label="Provider" htmlFor="identities-provider" error={result.fieldErrors.provider} className="w-full sm:w-44">
          <Select name="provider" defaultValue={params.provider ?? ""}>
            <option value="">Any provider</option>
            {provider.options.map((p) => (
              <option key={p} value={p}>
                {PROVIDER_LABEL[p]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Status" htmlFor="identities-status" error={result.fieldErrors.status} className="w-full sm:w-44">
          <Select name="status" defaultValue={params.status ?? ""}>
            <option value="">Any status</option>
            {nhiStatus.options.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </Select>
        </Field>
      </FilterForm>

      {!result.ok ? (
        <InlineAlert title="No identities shown">{result.message}</InlineAlert>
      ) : result.items.length === 0 ? (
        <EmptyState
          icon={FingerprintPattern}
          title={filtered ? "No identities match these filters" : "No identities recorded yet"}
          description={
            filtered
              ? "Try another name, provider or status."
              : "Identities appear here once they are registered or imported from a cloud provider."
          }
        />
      ) : (
        <>
          <Table>
            <TCaption className="sr-only">Non-human identities by name</TCaption>
            <THead>
              <TR>
                <TH scope="col">Name</TH>
                <TH scope="col">Provider</TH>
                <TH scope="col">Kind</TH>
                <TH scope="col">Environment</TH>
                <TH scope="col">Classification</TH>
                <TH scope="col">Status</TH>
                <TH scope="col">Owner</TH>
                <TH scope="col">Last used</TH>
                <TH scope="col" className="text-right">
                  Workflows
                </TH>
              </TR>
            </THead>
            <TBody>
              {result.items.map((n) => (
                <TR key={n.id}>
                  <TD>
                    <div className="grid gap-0.5">
                      <span className="font-medium">{n.name}</span>
                      <span className="max-w-[18rem] truncate font-mono text-xs text-muted-foreground" title={n.externalId}>
                        {n.externalId}
                      </span>
                    </div>
                  </TD>
                  <TD className="whitespace-nowrap">{PROVIDER_LABEL[n.provider]}</TD>
                  <TD className="whitespace-nowrap">{humanize(n.kind)}</TD>
                  <TD>
                    <Badge variant="outline">{n.environment}</Badge>
                  </TD>
                  <TD>
                    <Badge variant={n.classification === "privileged" ? "warning" : "neutral"}>{humanize(n.classification)}</Badge>
                  </TD>
                  <TD>
                    <Badge variant={STATUS_VARIANT[n.status]}>{humanize(n.status)}</Badge>
                  </TD>
                  <TD>
                    <OwnerName owner={n.owner} />
                  </TD>
                  <TD className="whitespace-nowrap tabular-nums">
                    {n.lastUsedAt ? (
                      <time dateTime={n.lastUsedAt.toISOString()} title={formatDateTime(n.lastUsedAt)}>
                        {formatRelative(n.lastUsedAt, now)}
                      </time>
                    ) : (
                      <span className="text-muted-foreground">Never</span>
                    )}
                  </TD>
                  <TD className="text-right">
                    <span className="inline-flex items-center justify-end gap-1.5">
                      {n.workflows > 1 ? (
                        <Badge variant="warning" title="One identity serving several workflows blurs accountability (OWASP NHI9)">
                          Reused
                        </Badge>
                      ) : null}
                      <span className="tabular-nums">{n.workflows}</span>
                    </span>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <CursorPagination
            pathname="/identities"
            filters={{ q: params.q, provider: params.provider, status: params.status, limit: params.limit }}
            cursor={params.cursor}
            history={params.prev}
            nextCursor={result.nextCursor}
          />
        </>
      )}
    </>
  );
}
