using System.Net;
using MailStreams.Host.Tests.Http.S2;
using MailStreams.Store;
using MailStreams.Store.S2;
using MailStreams.Testing;

namespace MailStreams.Host.Tests.Daemon;

/// <summary>
/// The local-path main job with the store set to <c>s2</c>, pointed at an S2-compatible endpoint on loopback (the
/// daemon's own endpoint over an embedded store, served alone so that no second pipeline consumes the same streams).
/// </summary>
public sealed class S2BackendPathTests : IAsyncLifetime
{
    private readonly S2EndpointServer _s2 = new();
    private readonly TempDirectory _data = new();

    public Task InitializeAsync() => _s2.InitializeAsync();

    [Fact]
    public async Task Answers_an_email_to_reverser_with_its_streams_on_S2()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["MailStreams:Store:Backend"] = "s2",
            ["MailStreams:Store:S2:Endpoint"] = _s2.Endpoint,
            ["MailStreams:Store:S2:AccessToken"] = "loopback",
            ["MailStreams:Store:S2:DiscoveryInterval"] = "00:00:00.200",
        });
        Assert.IsType<S2StreamStore>(daemon.Store);

        var response = await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com", text: "Hello world", messageId: "<s2@example.org>"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = Assert.Single(await daemon.WaitForRecordsAsync(StreamNames.Sent, 1));
        Assert.Equal("inbox/reverser:0", sent.Header("idempotency-key"));
        var eml = await File.ReadAllTextAsync(Path.Combine(_data.Path, "sent", sent.Header("provider-id")!));
        Assert.Contains("dlrow olleH", eml);
        Assert.Single((await _s2.Store.ReadAsync("inbox/reverser", 0)).Records);
        Assert.Single((await _s2.Store.ReadAsync(StreamNames.Outbox, 0)).Records);
        Assert.False(File.Exists(Path.Combine(_data.Path, "streams.db")), "with S2 the daemon keeps no embedded stream file");
    }

    public async Task DisposeAsync()
    {
        await _s2.DisposeAsync();
        _data.Dispose();
    }
}
