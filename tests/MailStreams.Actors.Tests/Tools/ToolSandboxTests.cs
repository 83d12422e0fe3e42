using MailStreams.Testing;
using MailStreams.Tools;

namespace MailStreams.Actors.Tests.Tools;

/// <summary>Escape attempts from a tool (CLR, files, network) fail, and the limits hold when many calls run at once.</summary>
public sealed class ToolSandboxTests
{
    private const string Tools = """
        export const ok = (email) => "fine: " + email.text;
        export const spin = () => { while (true) {} };
        export const hog = () => { const a = []; while (true) a.push("x".repeat(1000) + a.length); };
        export const deep = () => { const f = (n) => f(n + 1) + 1; return f(0); };
        export const ctorChain = (email) => {
          const g = email.constructor.constructor("return globalThis")();
          return ["System", "importNamespace", "clrHelper", "fetch", "require", "process"].map((n) => typeof g[n]).join(",");
        };
        export const protoWalk = (email) => {
          const seen = [];
          for (let o = email; o; o = Object.getPrototypeOf(o)) seen.push(Object.getOwnPropertyNames(o).filter((n) => /clr|gettype|assembly/i.test(n)).join("|"));
          return seen.join(";") || "nothing";
        };
        export const importFile = async () => (await import("/etc/passwd")).default;
        export const importUp = async () => (await import("../../../../etc/hostname.js")).default;
        export const importNode = async () => (await import("node:fs")).readFileSync("/etc/hostname");
        """;

    [Fact]
    public async Task The_global_object_reached_through_constructors_has_no_host_objects()
    {
        var (package, invoker) = await Load();
        var replied = Assert.IsType<ToolOutcome.Replied>(await invoker.InvokeAsync(package, "ctorChain", ToolFolders.Email("x"), default));
        Assert.Equal("undefined,undefined,undefined,undefined,undefined,undefined", replied.Reply.Text);
        var walked = Assert.IsType<ToolOutcome.Replied>(await invoker.InvokeAsync(package, "protoWalk", ToolFolders.Email("x"), default));
        Assert.Matches("^[;]*$", walked.Reply.Text!.Replace("nothing", ""));
    }

    [Theory]
    [InlineData("importFile")]
    [InlineData("importUp")]
    [InlineData("importNode")]
    public async Task Importing_files_outside_the_tools_folder_or_node_modules_fails(string tool)
    {
        var (package, invoker) = await Load();
        var failed = Assert.IsType<ToolOutcome.Failed>(await invoker.InvokeAsync(package, tool, ToolFolders.Email("x"), default));
        Assert.DoesNotContain("root:", failed.Error);
    }

    [Fact]
    public async Task Every_limit_holds_when_runaway_and_ordinary_calls_run_at_once()
    {
        var (package, invoker) = await Load();
        var tools = Enumerable.Range(0, 24).Select(i => new[] { "spin", "hog", "deep", "ok" }[i % 4]).ToArray();

        var outcomes = await Task.WhenAll(tools.Select(tool => Task.Run(() => invoker.InvokeAsync(package, tool, ToolFolders.Email("t"), default))));

        for (var i = 0; i < tools.Length; i++)
        {
            if (tools[i] == "ok") Assert.Equal("fine: t", Assert.IsType<ToolOutcome.Replied>(outcomes[i]).Reply.Text);
            else Assert.IsType<ToolOutcome.Failed>(outcomes[i]);
        }
        Assert.IsType<ToolOutcome.Replied>(await invoker.InvokeAsync(package, "ok", ToolFolders.Email("after"), default));
    }

    private static async Task<(ToolPackage, ToolInvoker)> Load()
    {
        using var dir = new TempDirectory();
        return (await ToolFolders.LoadIndex(dir, Tools), new ToolInvoker(ToolFolders.FastLimits));
    }
}
