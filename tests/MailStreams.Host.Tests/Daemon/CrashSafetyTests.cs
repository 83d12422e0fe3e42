using System.Net;
using MailStreams.Testing;
using MailStreams.Testing.FakeResend;

namespace MailStreams.Host.Tests.Daemon;

/// <summary>Kill the daemon with SIGKILL after the webhook's 2xx and before the send; the reply still goes out exactly once.</summary>
public sealed class CrashSafetyTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private ResendPath _resend = null!;

    private static readonly string DaemonDll = Path.Combine(AppContext.BaseDirectory, "mailstreams.dll");

    public async Task InitializeAsync() => _resend = await ResendPath.StartAsync();

    [Fact]
    public async Task A_reply_accepted_before_a_crash_is_sent_exactly_once_after_restarts()
    {
        _resend.Resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.Hang());

        var first = await ChildDaemon.StartAsync(DaemonDll, _data.Path, Environment());
        using (var client = new HttpClient { BaseAddress = new Uri(first.Url + "/") })
        {
            var answer = await client.SendAsync(ResendPath.Delivery("msg_crash"));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
        await first.KillAsync();

        var second = await ChildDaemon.StartAsync(DaemonDll, _data.Path, Environment());
        await WaitUntilAsync(() => _resend.Resend.Requests.Any(r => r.Path == "/emails"), "the send to hang");
        await second.KillAsync();
        Assert.Empty(_resend.Resend.Sent);

        await using var third = await ChildDaemon.StartAsync(DaemonDll, _data.Path, Environment());
        var sent = Assert.Single(await _resend.Resend.WaitForSendsAsync(1, TimeSpan.FromSeconds(60)));
        Assert.Equal("inbox/reverser:0", sent.IdempotencyKey);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(_resend.Resend.Sent);
        Assert.Equal(1, _resend.Resend.Requests.Count(r => r.Path == "/emails" && r.Status == 200));
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["RESEND_API_KEY"] = _resend.Resend.ApiKey,
        ["RESEND_BASE_URL"] = _resend.Resend.BaseUrl,
        ["RESEND_WEBHOOK_SECRET"] = ResendPath.Secret,
        ["BASE_DOMAIN"] = "example.com",
        ["MailStreams__ToolsDirectory"] = RepoPaths.Tools,
        ["MailStreams__Outbox__RatePerSecond"] = "100",
        ["MailStreams__Resend__RequestTimeout"] = "00:00:30",
    };

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("waited in vain for " + what);
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await _resend.DisposeAsync();
        _data.Dispose();
    }
}
