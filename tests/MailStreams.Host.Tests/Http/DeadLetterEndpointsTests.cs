using System.Net;
using System.Text.Json;
using MailStreams.Host.Tests.Daemon;
using MailStreams.Testing;

namespace MailStreams.Host.Tests.Http;

/// <summary>Dead letters on the real daemon: listed, shown, dropped and retried, each decision a record in events/dlq.</summary>
public sealed class DeadLetterEndpointsTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Drops_and_retries_are_recorded_once_and_a_retry_runs_the_email_again()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["MailStreams:ToolsDirectory"] = RepoPaths.TestTools,
            ["MailStreams:Pipeline:ToolAttempts"] = "1",
        });
        await Mails.PostAsync(daemon.Client, Mails.Raw("thrower@example.com", subject: "first"));
        await Mails.PostAsync(daemon.Client, Mails.Raw("thrower@example.com", subject: "second"));
        await daemon.WaitForRecordsAsync("dead/inbox/thrower", 2);

        var listed = JsonDocument.Parse(await daemon.Client.GetStringAsync("api/dlq")).RootElement;
        var thrower = Assert.Single(listed.EnumerateArray(), s => s.GetProperty("stream").GetString() == "dead/inbox/thrower");
        Assert.Equal(2, thrower.GetProperty("open").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await daemon.Client.PostAsync("api/dlq/drop?stream=dead%2Finbox%2Fthrower&seq=0", null)).StatusCode);
        var again = await daemon.Client.PostAsync("api/dlq/retry?stream=dead%2Finbox%2Fthrower&seq=0", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already dropped", await again.Content.ReadAsStringAsync());
        var retried = await daemon.Client.PostAsync("api/dlq/retry?stream=dead%2Finbox%2Fthrower&seq=1", null);
        Assert.Contains("retried as inbox/thrower:2", await retried.Content.ReadAsStringAsync());

        Assert.Equal(3, (await daemon.WaitForRecordsAsync("dead/inbox/thrower", 3)).Count);
        Assert.Equal(2, (await daemon.ReadAsync("events/dlq")).Count);
        var shown = JsonDocument.Parse(await daemon.Client.GetStringAsync("api/dlq/records?stream=dead%2Finbox%2Fthrower")).RootElement;
        Assert.Equal(["dropped", "retried", "open"], shown.EnumerateArray().Select(d => d.GetProperty("status").GetString()));
        Assert.Contains("cannot handle second", shown[2].GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("api/dlq/retry?stream=inbox%2Freverser&seq=0", HttpStatusCode.BadRequest)]
    [InlineData("api/dlq/retry?stream=dead%2Finbox%2Fnone&seq=0", HttpStatusCode.NotFound)]
    [InlineData("api/dlq/explode?stream=dead%2Finbox%2Fnone&seq=0", HttpStatusCode.BadRequest)]
    [InlineData("api/dlq/drop?stream=dead%2Finbox%2Fnone", HttpStatusCode.BadRequest)]
    public async Task Bad_decisions_get_a_clear_error_and_record_nothing(string request, HttpStatusCode expected)
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);

        var answer = await daemon.Client.PostAsync(request, null);

        Assert.Equal(expected, answer.StatusCode);
        Assert.Contains("error", await answer.Content.ReadAsStringAsync());
        Assert.Empty(await daemon.ReadAsync("events/dlq"));
    }

    public void Dispose() => _data.Dispose();
}
