import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

const QUESTIONS = [
  { name: "Task", text: "What business task justifies the access? (purpose, approved data sets, business owner)" },
  { name: "Identity", text: "Which NHI is the actual workload identity?" },
  { name: "Credentials", text: "Which secrets, tokens or certificates exist only for that task, and when do they expire?" },
  { name: "Revocation", text: "Who can revoke immediately, and through which hooks does the revoke reach the real systems?" },
] as const;

export function FourQuestionsCard() {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Four questions</CardTitle>
        <CardDescription>Every workflow in Countersign has to answer these, on both the business and the identity side.</CardDescription>
      </CardHeader>
      <CardContent>
        <ol className="grid gap-3">
          {QUESTIONS.map((q, i) => (
            <li key={q.name} className="flex gap-3 text-sm">
              <span
                aria-hidden="true"
                className="flex size-6 shrink-0 items-center justify-center rounded-full bg-muted text-xs font-semibold text-muted-foreground tabular-nums"
              >
                {i + 1}
              </span>
              <p>
                <span className="font-medium">{q.name}</span>
                <span className="text-muted-foreground"> — {q.text}</span>
              </p>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
