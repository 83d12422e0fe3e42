using System.Text;
using System.Text.Json.Nodes;
using MailStreams.Ingress.Svix;
using MailStreams.Testing;
using MailStreams.Testing.FakeResend;

namespace MailStreams.Host.Tests.Daemon;

/// <summary>A daemon wired to a fake Resend on loopback, and signed webhook deliveries for it.</summary>
internal sealed class ResendPath : IAsyncDisposable
{
    public const string Secret = "whsec_T1yuuscPZAE7nnR/KDLocAhizmY2pr2X";
    public const string EmailId = "0b7d2f64-5a1e-4c3b-9f0e-8d6a2c1b4e93";

    private ResendPath(FakeResendServer resend) => Resend = resend;

    public FakeResendServer Resend { get; }

    public static async Task<ResendPath> StartAsync()
    {
        var resend = new FakeResendServer();
        await resend.StartAsync();
        resend.AddReceivedEmail(File.ReadAllText(TestFiles.Vector("resend-received-email.json")));
        return new ResendPath(resend);
    }

    public Dictionary<string, string?> Settings(int fetchAttempts = 8) => new()
    {
        ["MailStreams:Resend:ApiKey"] = Resend.ApiKey,
        ["MailStreams:Resend:BaseUrl"] = Resend.BaseUrl,
        ["MailStreams:Resend:WebhookSecret"] = Secret,
        ["MailStreams:Resend:RequestTimeout"] = "00:00:02",
        ["MailStreams:Resend:FetchAttempts"] = fetchAttempts.ToString(),
        ["MailStreams:Resend:FetchBackoffBase"] = "00:00:00.050",
        ["MailStreams:Resend:FetchBackoffCap"] = "00:00:00.200",
        ["MailStreams:Outbox:BackoffBase"] = "00:00:00.050",
        ["MailStreams:Outbox:BackoffCap"] = "00:00:00.200",
    };

    /// <summary>The Resend fixture's <c>email.received</c> webhook (for another email id if given), signed now.</summary>
    public static HttpRequestMessage Delivery(string svixId, string? emailId = null, string? secret = null, Action<JsonNode>? edit = null)
    {
        var body = JsonNode.Parse(File.ReadAllText(TestFiles.Vector("resend-email-received.json")))!;
        if (emailId is not null) body["data"]!["email_id"] = emailId;
        edit?.Invoke(body);
        return Signed(Encoding.UTF8.GetBytes(body.ToJsonString()), svixId, secret ?? Secret);
    }

    public static HttpRequestMessage Signed(byte[] body, string svixId, string secret = Secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/resend") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        foreach (var (name, value) in SvixSigner.Headers(secret, svixId, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body))
            request.Headers.Add(name, value);
        return request;
    }

    public ValueTask DisposeAsync() => Resend.DisposeAsync();
}
