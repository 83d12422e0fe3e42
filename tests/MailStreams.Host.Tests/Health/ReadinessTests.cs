using System.Net;
using System.Text.Json;
using MailStreams.Host.Tests.Daemon;
using MailStreams.Store.Embedded;
using MailStreams.Testing;

namespace MailStreams.Host.Tests.Health;

/// <summary>/healthz says alive; /readyz names each check and answers 503 when one fails.</summary>
public sealed class ReadinessTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Is_ready_with_every_check_named_when_store_tools_and_outbox_are_fine()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);

        var response = await daemon.Client.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ready", body.GetProperty("status").GetString());
        foreach (var check in new[] { "store", "tools", "outbox" })
            Assert.Equal("ok", body.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await daemon.Client.GetAsync("healthz")).StatusCode);
    }

    [Fact]
    public async Task Turns_unready_with_503_naming_the_store_when_the_store_is_closed()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);

        ((SqliteStreamStore)daemon.Store).Dispose();
        var response = await daemon.Client.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unready", body.GetProperty("status").GetString());
        var store = body.GetProperty("checks").GetProperty("store");
        Assert.Equal("failing", store.GetProperty("status").GetString());
        Assert.Contains("store unreachable", store.GetProperty("detail").GetString());
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("tools").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Turns_unready_when_the_outbox_makes_no_progress_while_records_wait()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["MailStreams:Outbox:RatePerSecond"] = "0.001", // one send, then the next waits 1000 s
            ["MailStreams:Health:OutboxStuckAfter"] = "00:00:00.500",
        });
        await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com", text: "first"));
        await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com", text: "second"));
        await daemon.WaitForRecordsAsync(MailStreams.Store.StreamNames.Outbox, 2);
        await daemon.WaitForRecordsAsync(MailStreams.Store.StreamNames.Sent, 1);

        Assert.Equal(HttpStatusCode.OK, (await daemon.Client.GetAsync("readyz")).StatusCode);
        await Task.Delay(700);
        var response = await daemon.Client.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("outbox stuck", await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _data.Dispose();
}
