using System.Net;
using MailStreams.Testing;
using MailStreams.Testing.Crash;
using MailStreams.Testing.FakeResend;

namespace MailStreams.Host.Tests.Daemon;

/// <summary>
/// Secrets never leave the daemon: its whole log (Debug level), every error body and every record it writes are
/// searched for the Resend API key, the webhook signing secret and the admin token after requests that fail in
/// every way that involves them.
/// </summary>
public sealed class SecretsTests : IAsyncLifetime
{
    private const string ApiKey = "re_live_9fKq2LmXw7Rt4Zp1";
    private const string AdminToken = "tok_adm_Vb62Qe0sYh8Nc3Lu";
    private readonly TempDirectory _data = new();
    private readonly FakeResendServer _resend = new();

    public async Task InitializeAsync() => await _resend.StartAsync();

    [Fact]
    public async Task No_secret_appears_in_the_log_in_error_bodies_or_in_records()
    {
        _resend.AddReceivedEmail(File.ReadAllText(TestFiles.Vector("resend-received-email.json")));
        await using var daemon = await ChildDaemon.StartAsync(Path.Combine(AppContext.BaseDirectory, "mailstreams.dll"), _data.Path, new Dictionary<string, string>
        {
            ["RESEND_API_KEY"] = ApiKey,
            ["RESEND_BASE_URL"] = _resend.BaseUrl,
            ["RESEND_WEBHOOK_SECRET"] = ResendPath.Secret,
            ["MAILSTREAMS_ADMIN_TOKEN"] = AdminToken,
            ["MailStreams__ToolsDirectory"] = RepoPaths.Tools,
            ["MailStreams__Resend__FetchAttempts"] = "2",
            ["Logging__LogLevel__Default"] = "Debug",
        });
        using var client = new HttpClient { BaseAddress = new Uri(daemon.Url + "/") };
        var bodies = new List<string>();

        var forged = ResendPath.Delivery("msg_forged", secret: "whsec_" + Convert.ToBase64String(new byte[24]));
        var unsigned = new HttpRequestMessage(HttpMethod.Post, "webhooks/resend") { Content = new StringContent("{}") };
        var wrongToken = new HttpRequestMessage(HttpMethod.Get, "api/streams");
        wrongToken.Headers.Add("X-Forwarded-For", "203.0.113.9");
        wrongToken.Headers.Authorization = new("Bearer", AdminToken[..^1] + "X");
        foreach (var request in new[] { forged, unsigned, wrongToken, ResendPath.Delivery("msg_ok") })
        {
            var answer = await client.SendAsync(request);
            bodies.Add($"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(["401", "401", "401", "200"], bodies.Select(b => b[..3]));

        var records = await WaitForDeadIngressAsync(client);
        await daemon.KillAsync();

        Assert.False(string.IsNullOrWhiteSpace(daemon.Output), "the daemon logged nothing at Debug level");
        var everything = string.Join("\n", bodies) + "\n" + records + "\n" + daemon.Output;
        Assert.Contains("API key is invalid", records);
        foreach (var secret in new[] { ApiKey, AdminToken, ResendPath.Secret, ResendPath.Secret["whsec_".Length..] })
            Assert.DoesNotContain(secret, everything);
    }

    /// <summary>The content fetch is refused (the daemon's key is not the one the fake Resend knows): the reason lands in dead/ingress.</summary>
    private static async Task<string> WaitForDeadIngressAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var answer = await client.GetAsync("api/records?stream=dead%2Fingress&from=0");
            var text = await answer.Content.ReadAsStringAsync();
            if (answer.StatusCode == HttpStatusCode.OK && text.Length > 0) return text;
            await Task.Delay(200);
        }
        throw new TimeoutException("nothing reached dead/ingress");
    }

    public async Task DisposeAsync()
    {
        await _resend.DisposeAsync();
        _data.Dispose();
    }
}
