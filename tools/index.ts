// MailStreams tools: one exported function per inbox (see mailstreams.d.ts and README.md).
import type { Email, Tests } from "mailstreams";
import { codePoints, trimEnd } from "./lib/text";

/**
 * reverser@<domain>: replies with the email's text reversed by Unicode code points, so emoji and other
 * characters outside the BMP stay intact. Trailing whitespace (the final newline of most mails) is dropped
 * first; an email without text gets no reply.
 */
export const reverser = (email: Email): string | null => {
  const text = trimEnd(email.text ?? "");
  if (text.trim() === "") return null;
  return codePoints(text).reverse().join("");
};

/** Run on every sync of the tools repo; a failing case keeps the previous version live. */
export const $TESTS: Tests = [
  { name: "reverses plain ASCII", stream: "inbox/reverser", input: "hello world", expected: "dlrow olleh" },
  { name: "keeps emoji whole", stream: "inbox/reverser", input: "ab😀", expected: "😀ba" },
  { name: "drops the trailing newline", stream: "inbox/reverser", input: "abc\r\n", expected: "cba" },
  { name: "reverses lines", stream: "reverser", input: "one\r\ntwo", expected: "owt\n\reno" },
  { name: "reverses code points, not graphemes", stream: "reverser", input: "e\u0301!", expected: "!\u0301e" },
  { name: "no reply to an empty email", stream: "inbox/reverser", input: "", expected: null },
  { name: "no reply to whitespace", stream: "inbox/reverser", input: " \n\t ", expected: null },
  { name: "no reply without text", stream: "inbox/reverser", input: { subject: "html only", html: "<p>hi</p>" }, expected: null },
  { name: "reads the text of a full email", stream: "inbox/reverser", input: { from: "Ann <ann@example.org>", subject: "Hi", text: "Ann" }, expected: { text: "nnA" } },
];
