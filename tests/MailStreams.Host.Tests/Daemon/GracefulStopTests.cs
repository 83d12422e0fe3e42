using System.Diagnostics;
using MailStreams.Testing;
using MailStreams.Testing.FakeResend;

namespace MailStreams.Host.Tests.Daemon;

/// <summary>SIGTERM stops the daemon cleanly, after the work in flight is done.</summary>
public sealed class GracefulStopTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private ResendPath _resend = null!;

    private static readonly string DaemonDll = Path.Combine(AppContext.BaseDirectory, "mailstreams.dll");

    public async Task InitializeAsync() => _resend = await ResendPath.StartAsync();

    [Fact]
    public async Task Sigterm_finishes_the_send_in_flight_and_exits_0()
    {
        _resend.Resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.RateLimited(2));
        await using var daemon = await ChildDaemon.StartAsync(DaemonDll, _data.Path, new Dictionary<string, string>
        {
            ["RESEND_API_KEY"] = _resend.Resend.ApiKey,
            ["RESEND_BASE_URL"] = _resend.Resend.BaseUrl,
            ["RESEND_WEBHOOK_SECRET"] = ResendPath.Secret,
            ["MailStreams__ToolsDirectory"] = RepoPaths.Tools,
            ["MailStreams__Outbox__RatePerSecond"] = "100",
        });
        using (var client = new HttpClient { BaseAddress = new Uri(daemon.Url + "/") })
            await client.SendAsync(ResendPath.Delivery("msg_stop"));
        await WaitUntilAsync(() => _resend.Resend.Requests.Any(r => r.Path == "/emails"));

        var exitCode = await daemon.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.Single(_resend.Resend.Sent);
    }

    [Fact]
    public async Task An_idle_daemon_stops_promptly_on_sigterm()
    {
        await using var daemon = await ChildDaemon.StartAsync(DaemonDll, _data.Path, new Dictionary<string, string>
        {
            ["MailStreams__ToolsDirectory"] = RepoPaths.Tools,
        });
        var clock = Stopwatch.StartNew();

        var exitCode = await daemon.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the send never started");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await _resend.DisposeAsync();
        _data.Dispose();
    }
}
