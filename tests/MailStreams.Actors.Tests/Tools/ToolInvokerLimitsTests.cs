using MailStreams.Mail;
using MailStreams.Testing;
using MailStreams.Tools;

namespace MailStreams.Actors.Tests.Tools;

/// <summary>Runaway and hostile tools: every limit stops them, the process and the next call carry on.</summary>
public sealed class ToolInvokerLimitsTests
{
    private const string Tools = """
        export const ok = (email) => "still fine: " + email.text;
        export const spin = () => { while (true) {} };
        export const deep = () => { const f = (n) => f(n + 1) + 1; return f(0); };
        export const deepThroughMap = () => { const g = () => [0].map(g); return g(); };
        export const deepThroughGetter = () => { const o = { get x() { return this.x + 1; } }; return o.x; };
        export const hog = () => { const a = []; while (true) a.push("x".repeat(1000) + a.length); };
        export const never = () => new Promise(() => {});
        export const spinLater = async () => { await null; while (true) {} };
        export const clrSystem = () => System.IO.File.ReadAllText("/etc/hostname");
        export const clrImport = () => importNamespace("System").IO.File.ReadAllText("/etc/hostname");
        export const clrGlobal = () => Function("return this")().System.IO.File.ReadAllText("/etc/hostname");
        export const clrEval = () => (0, eval)("this").System.IO.File.ReadAllText("/etc/hostname");
        export const clrGetType = () => "".GetType().Assembly.Location;
        export const hostGlobals = () => ["System", "importNamespace", "clrHelper", "require", "process", "fetch", "XMLHttpRequest"]
          .filter((name) => typeof globalThis[name] !== "undefined").join(",") || null;
        """;

    [Fact]
    public async Task An_endless_loop_is_stopped_and_the_next_call_works()
    {
        var (package, invoker) = await Load(ToolFolders.FastLimits);
        var failed = Assert.IsType<ToolOutcome.Failed>(await invoker.InvokeAsync(package, "spin", Mail(), default));
        Assert.Contains("statements", failed.Error);

        var next = Assert.IsType<ToolOutcome.Replied>(await invoker.InvokeAsync(package, "ok", Mail(), default));
        Assert.Equal("still fine: x", next.Reply.Text);
    }

    [Theory]
    [InlineData("spin")]
    [InlineData("spinLater")]
    [InlineData("never")]
    public async Task A_tool_that_never_finishes_times_out(string tool)
    {
        var (package, invoker) = await Load(ToolFolders.FastLimits with { Timeout = TimeSpan.FromMilliseconds(300), MaxStatements = int.MaxValue });
        var failed = Assert.IsType<ToolOutcome.Failed>(await invoker.InvokeAsync(package, tool, Mail(), default));
        Assert.True(failed.TimedOut, failed.Error);
        Assert.Contains("timed out", failed.Error);
    }

    [Theory]
    [InlineData("deep")]
    [InlineData("deepThroughMap")]
    [InlineData("deepThroughGetter")]
    public async Task Deep_recursion_fails_without_crashing_the_process(string tool)
    {
        var (package, invoker) = await Load(ToolFolders.FastLimits);
        var failed = Assert.IsType<ToolOutcome.Failed>(await invoker.InvokeAsync(package, tool, Mail(), default));
        Assert.Matches("recursion limit|call stack", failed.Error);
        Assert.IsType<ToolOutcome.Replied>(await invoker.InvokeAsync(package, "ok", Mail(), default));
    }

    [Fact]
    public async Task A_huge_allocation_is_stopped_by_the_memory_limit()
    {
        var (package, invoker) = await Load(ToolFolders.FastLimits with { MaxStatements = int.MaxValue, Timeout = TimeSpan.FromSeconds(10) });
        var failed = Assert.IsType<ToolOutcome.Failed>(await invoker.InvokeAsync(package, "hog", Mail(), default));
        Assert.Contains("memory limit", failed.Error);
        Assert.False(failed.TimedOut);
    }

    [Theory]
    [InlineData("clrSystem", "System is not defined")]
    [InlineData("clrImport", "importNamespace is not defined")]
    [InlineData("clrGlobal", "'System' of undefined")]
    [InlineData("clrEval", "'IO' of undefined")]
    [InlineData("clrGetType", "GetType")]
    public async Task The_clr_cannot_be_reached(string tool, string error)
    {
        var (package, invoker) = await Load(ToolFolders.FastLimits);
        var failed = Assert.IsType<ToolOutcome.Failed>(await invoker.InvokeAsync(package, tool, Mail(), default));
        Assert.True(failed.Error.Contains(error, StringComparison.Ordinal), failed.Error);
        Assert.Contains("index.js:", failed.Error);
    }

    [Fact]
    public async Task No_host_objects_are_defined_globally()
    {
        var (package, invoker) = await Load(ToolFolders.FastLimits);
        Assert.IsType<ToolOutcome.NoReply>(await invoker.InvokeAsync(package, "hostGlobals", Mail(), default));
    }

    [Fact]
    public async Task The_callers_cancellation_throws_instead_of_failing_the_tool()
    {
        var (package, invoker) = await Load(ToolFolders.FastLimits with { Timeout = TimeSpan.FromSeconds(30), MaxStatements = int.MaxValue });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => invoker.InvokeAsync(package, "spin", Mail(), cancel.Token));
    }

    private static Email Mail() => ToolFolders.Email("x");

    private static async Task<(ToolPackage, ToolInvoker)> Load(ToolLimits limits)
    {
        using var dir = new TempDirectory();
        return (await ToolFolders.LoadIndex(dir, Tools, limits), new ToolInvoker(limits));
    }
}
