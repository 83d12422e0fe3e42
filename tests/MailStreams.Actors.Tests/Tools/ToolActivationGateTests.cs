using MailStreams.Testing;
using MailStreams.Tools;
using MailStreams.Tools.TypeScript;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailStreams.Actors.Tests.Tools;

/// <summary>The gate every version passes before it goes live: TypeScript, loading, and its $TESTS.</summary>
public sealed class ToolActivationGateTests : IDisposable
{
    private readonly TempDirectory _tools = new();
    private readonly TempDirectory _builds = new();

    [Fact]
    public async Task Transpiles_TypeScript_with_SDK_types_and_relative_imports_and_runs_its_tests()
    {
        ToolFolders.Write(_tools,
            ("index.ts", """
                import type { Email, Tests } from "mailstreams";
                import type { Reply } from "bentotools";
                import { shout } from "./lib/shout";
                import { exclaim } from "./lib/exclaim.ts";
                export const loud = (email: Email): Reply => ({ subject: exclaim(shout(email.subject)), text: email.text });
                export const $TESTS: Tests = [
                  { stream: "loud", input: { subject: "hi", text: "body" }, expected: { subject: "HI!", text: "body" } },
                ];
                """),
            ("lib/shout.ts", "export const shout = (s: string): string => s.toUpperCase();"),
            ("lib/exclaim.ts", "export const exclaim = (s: string): string => `${s}!`;"));

        var candidate = await Gate().PrepareAsync(_tools.Path, "rev-1", default);

        Assert.True(candidate.Accepted, string.Join("; ", candidate.Problems));
        Assert.Equal(["loud"], candidate.Package!.ToolNames);
        Assert.Equal("rev-1", candidate.Package.Revision);
        Assert.True(Assert.Single(candidate.Tests).Passed);
        Assert.Empty(Directory.GetDirectories(_builds.Path)); // the scratch build is gone once loaded
    }

    [Fact]
    public async Task A_type_error_blocks_the_version_with_file_and_line()
    {
        ToolFolders.Write(_tools,
            ("index.ts", "import { count } from './lib/count';\nexport const t = (): string => count(1);"),
            ("lib/count.ts", "// counts\nexport const count = (n: number): number => n;"));

        var candidate = await Gate().PrepareAsync(_tools.Path, "rev-2", default);

        Assert.False(candidate.Accepted);
        var problem = Assert.Single(candidate.Problems);
        Assert.StartsWith("type error: index.ts(2,", problem);
        Assert.Contains("TS2322", problem);
    }

    [Fact]
    public async Task Each_failing_test_case_is_reported_and_blocks_the_version()
    {
        ToolFolders.Write(_tools, ("index.js", """
            export const up = (email) => email.text.toUpperCase();
            export const $TESTS = [
              { name: "ok", stream: "up", input: "a", expected: "A" },
              { name: "wrong text", stream: "inbox/up", input: "b", expected: "b" },
              { name: "wrong fields", stream: "up", input: { subject: "s", text: "c" }, expected: { text: "C", subject: "Re: s" } },
            ];
            """));

        var candidate = await Gate().PrepareAsync(_tools.Path, "rev-3", default);

        Assert.False(candidate.Accepted);
        Assert.Equal(3, candidate.Tests.Count);
        Assert.Collection(candidate.Problems,
            p => Assert.Equal("$TESTS failed: wrong text: expected 'b' but got 'B'", p),
            p => Assert.Equal("$TESTS failed: wrong fields: subject: expected 'Re: s' but got nothing", p));
    }

    [Fact]
    public async Task A_folder_that_does_not_load_is_refused_with_the_error()
    {
        ToolFolders.Write(_tools, ("index.js", "export const t = () => {\n  return 1 +;\n};"));

        var candidate = await Gate().PrepareAsync(_tools.Path, "rev-4", default);

        Assert.StartsWith("syntax error in index.js at line 2", Assert.Single(candidate.Problems));
    }

    private ToolActivationGate Gate() =>
        new(new ToolInvoker(ToolFolders.FastLimits), new TypeScriptCompiler(), _builds.Path, NullLogger.Instance);

    public void Dispose()
    {
        _tools.Dispose();
        _builds.Dispose();
    }
}
