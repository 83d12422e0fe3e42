using MailStreams.Testing.Git;

namespace MailStreams.Host.Tests.Tools;

/// <summary>Versions of a TypeScript reverser for the tools repository of a test: each one marks its replies.</summary>
internal static class ToolRepo
{
    /// <summary>A reverser whose replies start with <paramref name="marker"/>, with a passing $TESTS case.</summary>
    public static (string, string?) Reverser(string marker) => ("index.ts", $$"""
        import type { Email, Tests } from "mailstreams";
        import { reverse } from "./lib/reverse";
        export const reverser = (email: Email): string => "{{marker}} " + reverse((email.text ?? "").trim());
        export const $TESTS: Tests = [{ name: "marks and reverses", stream: "inbox/reverser", input: "ab", expected: "{{marker}} ba" }];
        """);

    public static (string, string?) ReverseLib => ("lib/reverse.ts", "export const reverse = (s: string): string => s.split(\"\").reverse().join(\"\");\n");

    public static string PushReverser(this GitOrigin origin, string marker) => origin.Push(marker, files: [Reverser(marker), ReverseLib]);
}
