using System.Net;
using MailStreams.Host.Tests.Daemon;
using MailStreams.Testing;
using MailStreams.Testing.Git;

namespace MailStreams.Host.Tests.Tools;

/// <summary>
/// The daemon follows a real Git repository made by the test (a bare origin behind a file URL): cloned at start, a
/// push picked up by the timer, the GitHub webhook and the API; bad versions and unreachable remotes keep the old tool.
/// </summary>
public sealed class ToolsFromGitTests : IDisposable
{
    private const string Secret = "webhook-secret";
    private readonly GitOrigin _origin = new();
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Clones_the_repository_at_start_and_each_reply_carries_the_commit_that_wrote_it()
    {
        var v1 = _origin.PushReverser("v1");
        await using var daemon = await StartAsync();

        Assert.Equal(v1, await daemon.ActiveRevisionAsync());
        Assert.Equal(("v1 cba", v1), await daemon.AskReverserAsync("abc"));
        var status = await daemon.StatusAsync();
        Assert.Equal("activated", status.GetProperty("lastSync").GetProperty("outcome").GetString());
        Assert.Equal(1, status.GetProperty("inboxes").GetProperty("reverser").GetProperty("calls").GetInt64());
    }

    [Fact]
    public async Task A_signed_push_to_the_followed_branch_goes_live_and_anything_else_is_ignored()
    {
        var v1 = _origin.PushReverser("v1");
        await using var daemon = await StartAsync();
        var v2 = _origin.PushReverser("v2");

        Assert.Equal(HttpStatusCode.Unauthorized, (await daemon.PostGitHubPushAsync(Secret, "refs/heads/main", signature: "sha256=00")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await daemon.PostGitHubPushAsync("wrong-secret", "refs/heads/main")).StatusCode);
        var otherBranch = await daemon.PostGitHubPushAsync(Secret, "refs/heads/feature");
        Assert.Equal(HttpStatusCode.OK, otherBranch.StatusCode);
        Assert.Contains("ignored", await otherBranch.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await daemon.PostGitHubPushAsync(Secret, "refs/heads/main", githubEvent: "ping")).StatusCode);
        Assert.Equal(v1, await daemon.ActiveRevisionAsync());

        Assert.Equal(HttpStatusCode.Accepted, (await daemon.PostGitHubPushAsync(Secret, "refs/heads/main")).StatusCode);
        await daemon.WaitForRevisionAsync(v2);
        Assert.Equal(("v2 cba", v2), await daemon.AskReverserAsync("abc"));
    }

    [Fact]
    public async Task The_timer_picks_up_a_push()
    {
        _origin.PushReverser("v1");
        await using var daemon = await StartAsync(interval: "00:00:00.500");
        var v2 = _origin.PushReverser("v2");

        await daemon.WaitForRevisionAsync(v2);
        Assert.Equal("timer", (await daemon.StatusAsync()).GetProperty("lastSync").GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task A_version_with_a_type_error_or_a_failing_test_is_not_activated_and_the_old_tool_keeps_answering()
    {
        var v1 = _origin.PushReverser("v1");
        await using var daemon = await StartAsync();

        var typeError = _origin.Push("type error", files: ("index.ts", "export const reverser = (): number => \"not a number\";\n"));
        var rejected = await daemon.SyncAsync();
        Assert.Equal("rejected", rejected.GetProperty("outcome").GetString());
        Assert.StartsWith("type error: index.ts(1,", rejected.GetProperty("problems")[0].GetString());

        var failingTest = _origin.Push("failing test", files: [ToolRepo.Reverser("v3"), ("lib/reverse.ts", "export const reverse = (s: string): string => s;\n")]);
        var failed = await daemon.SyncAsync();
        Assert.Equal("rejected", failed.GetProperty("outcome").GetString());
        Assert.Equal("$TESTS failed: marks and reverses: expected 'v3 ba' but got 'v3 ab'", failed.GetProperty("problems")[0].GetString());

        Assert.Equal(("v1 cba", v1), await daemon.AskReverserAsync("abc"));
        var refused = (await daemon.StatusAsync()).GetProperty("failed").EnumerateArray().ToList();
        Assert.Equal([failingTest, typeError], refused.Select(f => f.GetProperty("revision").GetString()));
        Assert.Equal(v1, await daemon.ActiveRevisionAsync());
    }

    [Fact]
    public async Task An_unreachable_remote_keeps_the_running_version_and_says_why()
    {
        var v1 = _origin.PushReverser("v1");
        await using var daemon = await StartAsync();

        _origin.Break();
        var report = await daemon.SyncAsync();

        Assert.Equal("failed", report.GetProperty("outcome").GetString());
        Assert.Contains(_origin.Url, report.GetProperty("message").GetString());
        Assert.Equal(("v1 cba", v1), await daemon.AskReverserAsync("abc"));
        _origin.Restore();
    }

    [Fact]
    public async Task A_restart_while_the_remote_is_unreachable_uses_the_clone_on_disk()
    {
        var v1 = _origin.PushReverser("v1");
        await (await StartAsync()).DisposeAsync();
        _origin.Break();

        await using var daemon = await StartAsync();

        Assert.Equal(v1, await daemon.ActiveRevisionAsync());
        Assert.Equal("failed", (await daemon.StatusAsync()).GetProperty("failed")[0].GetProperty("outcome").GetString());
        _origin.Restore();
    }

    [Fact]
    public async Task The_webhook_is_refused_without_a_secret_and_when_the_tools_do_not_come_from_Git()
    {
        _origin.PushReverser("v1");
        await using (var noSecret = await StartAsync(secret: ""))
        {
            var refused = await noSecret.PostGitHubPushAsync(Secret, "refs/heads/main");
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
            Assert.Contains("GITHUB_WEBHOOK_SECRET", await refused.Content.ReadAsStringAsync());
        }
        await using var folder = await RunningDaemon.StartAsync(_data.Path + "-folder");
        Assert.Equal(HttpStatusCode.NotFound, (await folder.PostGitHubPushAsync(Secret, "refs/heads/main")).StatusCode);
        Directory.Delete(_data.Path + "-folder", recursive: true);
    }

    private Task<RunningDaemon> StartAsync(string interval = "00:00:00", string secret = Secret) => RunningDaemon.StartAsync(_data.Path, new Dictionary<string, string?>
    {
        ["MailStreams:Tools:Repository"] = _origin.Url,
        ["MailStreams:Tools:WebhookSecret"] = secret,
        ["MailStreams:Tools:SyncInterval"] = interval,
    });

    public void Dispose()
    {
        _origin.Dispose();
        _data.Dispose();
    }
}
