import * as React from "react";
import { ErrorMessages } from "@/components/ui/field";
import { cn } from "@/lib/utils";

export type FormSectionProps = {
  id: string;
  title: string;
  description?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
};

/** One titled part of the workflow form: the heading and its explanation beside the fields on wide screens. */
export function FormSection({ id, title, description, className, children }: FormSectionProps) {
  return (
    <section className={cn("grid gap-4 border-b border-border pb-8 md:grid-cols-[15rem_minmax(0,1fr)] md:gap-8", className)}>
      <div className="space-y-1">
        <h2 id={`${id}-heading`} className="text-base font-semibold tracking-tight">
          {title}
        </h2>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
      <div className="grid min-w-0 content-start gap-4">{children}</div>
    </section>
  );
}

/** A list-level message ("lists a data set twice") that belongs to no single control. */
export function ListError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return <ErrorMessages id={id} messages={messages} />;
}
