import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft } from "lucide-react";
import { PolicyEditor } from "@/components/policies/policy-editor";
import { SchemaReference } from "@/components/policies/schema-reference";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { GUARDRAIL_SCHEMA } from "@/lib/domain/guardrails/schema";
import { requirePageActor } from "@/lib/server/page-actor";
import { cn, focusRing } from "@/lib/utils";

export const metadata: Metadata = { title: "New policy" };

const STARTER = `// Forbid what an entitlement would otherwise allow. Example:
forbid (
  principal,
  action in [Countersign::Action::"write", Countersign::Action::"delete"],
  resource
)
when {
  resource.sensitivity == "restricted" &&
  principal.classification == "utility"
};
`;

export default async function NewPolicyPage() {
  const actor = await requirePageActor();
  if (!can(actor, "policies.manage")) notFound();
  return (
    <>
      <Link href="/policies" className={cn("mb-3 inline-flex items-center gap-1 rounded-sm text-sm text-muted-foreground hover:text-foreground", focusRing)}>
        <ChevronLeft aria-hidden="true" className="size-4" />
        Policies
      </Link>
      <PageHeader title="New policy" description="Version 1 is saved as a draft. Dry-run it against recent decisions on its page, then activate it." />
      <div className="grid gap-4">
        <Card>
          <CardContent className="pt-5">
            <PolicyEditor mode="create" initialSource={STARTER} />
          </CardContent>
        </Card>
        <SchemaReference schema={GUARDRAIL_SCHEMA} />
      </div>
    </>
  );
}
