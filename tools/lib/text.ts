// Text helpers shared by the tools (imported with a relative path: `import { codePoints } from "./lib/text"`).

/**
 * The code points of a string, each as a string (a surrogate pair stays one item). Written out because the
 * engine's string iterator (`Array.from(s)`, `[...s]`, `for...of`) yields grapheme clusters, not code points.
 */
export const codePoints = (text: string): string[] => {
  const points: string[] = [];
  for (let i = 0; i < text.length; ) {
    const point = text.codePointAt(i)!;
    points.push(String.fromCodePoint(point));
    i += point > 0xffff ? 2 : 1;
  }
  return points;
};

/** The text without trailing whitespace (the final newline of most mails). */
export const trimEnd = (text: string): string => text.replace(/\s+$/u, "");
