using System.Net.Http.Headers;
using System.Text;

namespace MailStreams.Host.Tests.Daemon;

/// <summary>Raw RFC 5322 messages for the tests, and posting them to the local ingress.</summary>
internal static class Mails
{
    public static byte[] Raw(string to, string subject = "Hello world", string text = "Hello world", string extraHeaders = "",
        string from = "Alice <alice@example.org>", string? messageId = null) =>
        Encoding.UTF8.GetBytes(
            $"From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: {messageId ?? $"<{Guid.NewGuid():N}@example.org>"}\r\n" +
            $"Date: Thu, 03 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n{extraHeaders}\r\n{text}\r\n");

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] raw)
    {
        var content = new ByteArrayContent(raw);
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        return client.PostAsync("api/messages", content);
    }
}
