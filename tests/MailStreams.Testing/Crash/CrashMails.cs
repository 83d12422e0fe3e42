using System.Text;
using System.Text.Json.Nodes;
using MailStreams.Ingress.Svix;

namespace MailStreams.Testing.Crash;

/// <summary>
/// The emails of a crash run: number <c>i</c> is the Resend fixture with its own id, Message-ID and text, served by
/// the fake Resend and announced by a signed <c>email.received</c> webhook with its own svix-id.
/// </summary>
internal static class CrashMails
{
    public const string Secret = "whsec_T1yuuscPZAE7nnR/KDLocAhizmY2pr2X";

    public static string EmailId(int i) => $"crash-{i:D6}";
    public static string MessageId(int i) => $"<crash-{i:D6}@example.org>";
    public static string Text(int i) => $"crash email {i:D6}: please reverse me";
    public static string ExpectedReplyText(int i) => new(Text(i).Reverse().ToArray());

    /// <summary>The received email's JSON (<c>GET /emails/receiving/{id}</c>).</summary>
    public static string ReceivedJson(int i)
    {
        var email = JsonNode.Parse(File.ReadAllText(TestFiles.Vector("resend-received-email.json")))!;
        email["id"] = EmailId(i);
        email["message_id"] = MessageId(i);
        email["headers"]!["Message-ID"] = MessageId(i);
        email["subject"] = $"crash {i:D6}";
        email["text"] = Text(i);
        email["html"] = null;
        return email.ToJsonString();
    }

    /// <summary>The webhook delivery, signed now (a retry by Resend keeps the svix-id and signs again).</summary>
    public static HttpRequestMessage Delivery(int i, string baseUrl)
    {
        var body = JsonNode.Parse(File.ReadAllText(TestFiles.Vector("resend-email-received.json")))!;
        body["data"]!["email_id"] = EmailId(i);
        body["data"]!["message_id"] = MessageId(i);
        body["data"]!["subject"] = $"crash {i:D6}";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/webhooks/resend") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        foreach (var (name, value) in SvixSigner.Headers(Secret, $"msg_crash_{i:D6}", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), bytes))
            request.Headers.Add(name, value);
        return request;
    }
}
