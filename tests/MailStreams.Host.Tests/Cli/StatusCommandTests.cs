using System.Text.Json;
using MailStreams.Host.Tests.Daemon;
using MailStreams.Store;
using MailStreams.Testing;

namespace MailStreams.Host.Tests.Cli;

/// <summary><c>mailstreams status</c> against a running daemon: versions, lag per inbox, dead letters; and without one.</summary>
public sealed class StatusCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Reports_inboxes_with_their_lag_the_outbox_and_dead_letters_as_json_and_as_text()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["MailStreams:ToolsDirectory"] = RepoPaths.TestTools,
            ["MailStreams:Pipeline:ToolAttempts"] = "1",
        });
        await Mails.PostAsync(daemon.Client, Mails.Raw("echo@example.com"));
        await Mails.PostAsync(daemon.Client, Mails.Raw("thrower@example.com"));
        await daemon.WaitForRecordsAsync(StreamNames.Sent, 1);
        await daemon.WaitForRecordsAsync("dead/inbox/thrower", 1);

        var json = await CliProcess.RunAsync(["status", "--json", "--url", daemon.Url]);
        var text = await CliProcess.RunAsync(["status", "--url", daemon.Url]);

        Assert.Equal(0, json.ExitCode);
        var status = JsonDocument.Parse(json.Output).RootElement;
        var inboxes = status.GetProperty("inboxes").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i);
        Assert.Equal(1, inboxes["echo"].GetProperty("tail").GetInt64());
        Assert.Equal(1, status.GetProperty("outbox").GetProperty("tail").GetInt64());
        Assert.Contains(status.GetProperty("deadLetters").EnumerateArray(), d => d.GetProperty("stream").GetString() == "dead/inbox/thrower");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("echo", text.Output);
        Assert.Contains("dead/inbox/thrower 1", text.Output);
    }

    [Fact]
    public async Task Says_so_and_exits_with_1_when_no_daemon_answers()
    {
        var result = await CliProcess.RunAsync(["status", "--url", "http://127.0.0.1:9"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no daemon at http://127.0.0.1:9", result.Error);
    }

    public void Dispose() => _data.Dispose();
}
