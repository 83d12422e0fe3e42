using MailStreams.Store;
using MailStreams.Testing;

namespace MailStreams.Host.Tests.Daemon;

/// <summary>A tool that throws or never ends sends its email to dead/inbox/&lt;name&gt;; the other inboxes keep answering.</summary>
public sealed class ToolFailureTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_throwing_tool_dead_letters_the_email_with_the_error_and_other_inboxes_keep_working()
    {
        await using var daemon = await StartAsync();

        await Mails.PostAsync(daemon.Client, Mails.Raw("thrower@example.com", subject: "boom"));
        await Mails.PostAsync(daemon.Client, Mails.Raw("echo@example.com", subject: "still here"));

        var dead = Assert.Single(await daemon.WaitForRecordsAsync("dead/inbox/thrower", 1));
        Assert.Contains("cannot handle boom", dead.Header("error"));
        var reply = Assert.Single(await daemon.WaitForRecordsAsync(StreamNames.Sent, 1));
        Assert.Equal("inbox/echo:0", reply.Header("idempotency-key"));
    }

    [Fact]
    public async Task A_tool_that_loops_forever_is_stopped_and_the_email_dead_lettered()
    {
        await using var daemon = await StartAsync();

        await Mails.PostAsync(daemon.Client, Mails.Raw("looper@example.com"));
        await Mails.PostAsync(daemon.Client, Mails.Raw("looper@example.com", subject: "second"));
        await Mails.PostAsync(daemon.Client, Mails.Raw("echo@example.com"));

        var dead = await daemon.WaitForRecordsAsync("dead/inbox/looper", 2, TimeSpan.FromSeconds(60));
        Assert.All(dead, d => Assert.Contains("looper", d.Header("error")));
        Assert.Single(await daemon.WaitForRecordsAsync(StreamNames.Sent, 1));
    }

    private Task<RunningDaemon> StartAsync() => RunningDaemon.StartAsync(_data.Path, new Dictionary<string, string?>
    {
        ["MailStreams:ToolsDirectory"] = RepoPaths.TestTools,
        ["MailStreams:Pipeline:ToolTimeout"] = "00:00:00.300",
        ["MailStreams:Pipeline:ToolAttempts"] = "2",
    });

    public void Dispose() => _data.Dispose();
}
