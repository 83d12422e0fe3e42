// Types of the MailStreams tool contract. Use from TypeScript with `import type { Email } from "mailstreams"`
// (the seed's module name "bentotools" works too), or from JavaScript with JSDoc
// (`@param {import("mailstreams").Email} email`). TypeScript tools are type-checked against this file at every sync.

/** Tools may log: console output goes to the daemon's log with the inbox and the email id. */
declare var console: {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  debug(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
};

declare module "mailstreams" {
  /** An attachment's metadata; the content itself is not handed to tools. */
  export interface Attachment {
    filename?: string;
    contentType: string;
    /** Size in bytes. */
    size: number;
    contentId?: string;
  }

  /** The email a tool receives. Addresses are display strings ("Name <a@b>"). */
  export interface Email {
    /** Stable id: the provider's email id, or a hash of the raw message. */
    id: string;
    /** Where it came from: "resend", "local" or "smtp". */
    source: string;
    /** The Message-ID with angle brackets, when the message had one. */
    messageId?: string;
    from: string;
    to: string[];
    cc: string[];
    bcc: string[];
    replyTo: string[];
    /** Envelope recipients on our domains, when known. */
    receivedFor: string[];
    subject: string;
    text?: string;
    html?: string;
    /** Header names lower-cased; repeated headers joined with ", ". */
    headers: Record<string, string>;
    inReplyTo?: string;
    references: string[];
    /** ISO 8601 date and time. */
    receivedAt: string;
    attachments: Attachment[];
  }

  /** What to send back; MailStreams fills in what is left out when it builds the reply. */
  export interface Reply {
    subject?: string;
    text?: string;
    html?: string;
    to?: string | string[];
    cc?: string | string[];
  }

  /** What a tool returns: the reply text, a reply, or null for no reply (optionally as a promise). */
  export type ToolResult = string | Reply | null;

  /** One exported function per inbox: `export const reverser: Tool = (email) => ...`. */
  export type Tool = (email: Email) => ToolResult | Promise<ToolResult>;

  /** An email-like test input: missing fields default (from "test@example.com", subject ""). */
  export type TestInput = string | Partial<Email>;

  /** One `$TESTS` case. */
  export interface TestCase {
    /** Shown in test reports. */
    name?: string;
    /** The inbox: "inbox/<tool>" or "<tool>". */
    stream: string;
    /** The email text, or an email-like object. */
    input: TestInput;
    /** The reply text, the reply fields to compare, or null when no reply is expected. */
    expected: string | Reply | null;
  }

  export type Tests = TestCase[];
}

/** The seed's name for the same contract. */
declare module "bentotools" {
  export * from "mailstreams";
}
