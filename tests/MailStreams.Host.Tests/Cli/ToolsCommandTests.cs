using MailStreams.Host.Tests.Daemon;
using MailStreams.Host.Tests.Tools;
using MailStreams.Testing;
using MailStreams.Testing.Git;

namespace MailStreams.Host.Tests.Cli;

/// <summary><c>mailstreams tools test|sync|status</c> as a user runs them, and <c>run --watch</c>.</summary>
public sealed class ToolsCommandTests : IDisposable
{
    private readonly TempDirectory _tools = new();
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Tools_test_runs_the_example_TypeScript_tools_locally_and_prints_each_case()
    {
        var (exit, output, _) = await CliProcess.RunAsync("tools", "test", RepoPaths.Tools);

        Assert.Equal(0, exit);
        Assert.Contains("pass reverses plain ASCII", output);
        Assert.Contains("tools reverser (transpile ", output);
    }

    [Fact]
    public async Task Tools_test_exits_1_on_a_failing_case_and_2_on_a_missing_folder()
    {
        File.WriteAllText(Path.Combine(_tools.Path, "index.js"), """
            export const up = (email) => email.text;
            export const $TESTS = [{ name: "shouts", stream: "up", input: "a", expected: "A" }];
            """);

        var (exit, output, _) = await CliProcess.RunAsync("tools", "test", _tools.Path);
        Assert.Equal(1, exit);
        Assert.Contains("FAIL shouts: expected 'A' but got 'a'", output);

        var (missing, _, error) = await CliProcess.RunAsync("tools", "test", Path.Combine(_tools.Path, "nowhere"));
        Assert.Equal(2, missing);
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public async Task Tools_sync_activates_a_push_and_a_force_push_and_tools_status_shows_it()
    {
        using var origin = new GitOrigin();
        origin.PushReverser("v1");
        origin.PushReverser("v2");
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["MailStreams:Tools:Repository"] = origin.Url, ["MailStreams:Tools:SyncInterval"] = "00:00:00",
        });
        var v3 = origin.PushReverser("v3");

        var (exit, output, _) = await CliProcess.RunAsync("tools", "sync", "--url", daemon.Url);
        Assert.Equal(0, exit);
        Assert.Contains("cli: activated: activated " + v3[..12], output);

        var rewritten = origin.ForcePush("v3, rewritten", ToolRepo.Reverser("v3b"));
        Assert.Equal(0, (await CliProcess.RunAsync("tools", "sync", "--url", daemon.Url)).ExitCode);
        Assert.Equal(rewritten, await daemon.ActiveRevisionAsync());
        Assert.Equal(("v3b cba", rewritten), await daemon.AskReverserAsync("abc"));

        origin.Push("broken", files: ("index.ts", "export const reverser = (): number => 'x';"));
        var (rejected, rejection, _) = await CliProcess.RunAsync("tools", "sync", "--url", daemon.Url);
        Assert.Equal(1, rejected);
        Assert.Contains("type error: index.ts(1,", rejection);

        var (statusExit, status, _) = await CliProcess.RunAsync("tools", "status", "--url", daemon.Url);
        Assert.Equal(0, statusExit);
        Assert.Contains("active:  " + rewritten, status);
        Assert.Contains("refused: ", status);
        Assert.Contains("inbox/reverser: 1 calls, 0 errors", status);
    }

    [Fact]
    public async Task Run_with_watch_reloads_the_tools_folder_when_a_file_changes()
    {
        var index = Path.Combine(_tools.Path, "index.js");
        File.WriteAllText(index, "export const reverser = (email) => 'first';");
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["MailStreams:ToolsDirectory"] = _tools.Path, ["MailStreams:Tools:Watch"] = "true",
        });
        var first = await daemon.ActiveRevisionAsync();
        Assert.Equal("first", (await daemon.AskReverserAsync("x")).Text);

        File.WriteAllText(index, "export const reverser = (email) => 'second';");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await daemon.ActiveRevisionAsync() == first && DateTime.UtcNow < deadline) await Task.Delay(50);

        Assert.Equal("second", (await daemon.AskReverserAsync("x")).Text);
        Assert.Equal("watch", (await daemon.StatusAsync()).GetProperty("lastSync").GetProperty("trigger").GetString());
    }

    public void Dispose()
    {
        _tools.Dispose();
        _data.Dispose();
    }
}
