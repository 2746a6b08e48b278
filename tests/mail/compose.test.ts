import { describe, expect, it } from "vitest";
import { absoluteLink, composeNotificationMessage } from "@/lib/mail/compose";
import { describeSmtpUrl } from "@/lib/mail/transport";

const base = "https://countersign.example.test/";

describe("[MAIL] message composition", () => {
  it("makes in-app paths absolute against the public URL and drops anything that is not a same-site path", () => {
    expect(absoluteLink("/reviews?focus=1", base)).toBe("https://countersign.example.test/reviews?focus=1");
    expect(absoluteLink("//evil.example/phish", base)).toBeNull();
    expect(absoluteLink("https://evil.example/phish", base)).toBeNull();
    expect(absoluteLink("javascript:alert(1)", base)).toBeNull();
    expect(absoluteLink(null, base)).toBeNull();
  });

  it("keeps the subject and recipient name on one line, so a title cannot add headers", () => {
    const message = composeNotificationMessage(
      { title: "Hello\r\nBcc: victim@example.test", body: "Body", link: "/x", recipient: { name: "Eve\nX-Evil: 1", email: "eve@example.test" } },
      base,
    );
    expect(message.subject).toBe("Hello Bcc: victim@example.test");
    expect(message.to).toEqual({ name: "Eve X-Evil: 1", address: "eve@example.test" });
    expect(message.text).toContain("Open in Countersign: https://countersign.example.test/x");
  });

  it("never shows SMTP credentials when describing the server", () => {
    expect(describeSmtpUrl("smtps://user:hunter2@mail.example.test:465")).toBe("smtps://mail.example.test:465");
  });
});
