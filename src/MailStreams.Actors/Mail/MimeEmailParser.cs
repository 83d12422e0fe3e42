using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.IO;

namespace MailStreams.Mail;

/// <summary>
/// Turns raw RFC 5322 bytes (SMTP, <c>POST /api/messages</c>, the CLI) into an <see cref="Email"/>. Stateless apart from
/// its clock; the id is a hash of the bytes, so the same message always gets the same id. Legacy charsets
/// (iso-8859-1, windows-1252, koi8-r, shift_jis, iso-2022-jp…; see <see cref="MailEncodings"/>) decode in bodies and in RFC 2047 encoded words.
/// Anything that is not a message with a From throws <see cref="MailParseException"/>; size limits are the caller's.
/// </summary>
internal sealed class MimeEmailParser(TimeProvider clock)
{
    /// <summary>Parses a whole message. <paramref name="receivedFor"/> are the envelope recipients (RCPT TO), may be empty.</summary>
    public Email Parse(ReadOnlyMemory<byte> raw, string source, IReadOnlyList<string> receivedFor)
    {
        if (raw.IsEmpty) throw new MailParseException("The message is empty.");
        MimeMessage message;
        HeaderList headers;
        try
        {
            var bytes = raw.ToArray();
            message = MimeMessage.Load(MailAddresses.Parser, new MemoryStream(bytes, writable: false));
            // The message keeps MIME headers (Content-Type…) on its body: read the header block once more, in order.
            headers = HeaderList.Load(MailAddresses.Parser, new MemoryStream(bytes, writable: false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new MailParseException($"Not an RFC 5322 message: {e.Message}", e);
        }

        try
        {
            return ToEmail(message, headers, raw.Span, source, receivedFor);
        }
        catch (MailParseException) { throw; }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new MailParseException($"Could not read the message: {e.Message}", e);
        }
    }

    /// <summary>Reads the stream to its end, then parses it like <see cref="Parse"/>.</summary>
    public async Task<Email> ParseAsync(Stream raw, string source, IReadOnlyList<string> receivedFor, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        await raw.CopyToAsync(buffer, ct);
        return Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), source, receivedFor);
    }

    /// <summary>"local-" + the first 32 hex digits of the SHA-256 of the raw bytes.</summary>
    public static string IdOf(ReadOnlySpan<byte> raw) =>
        "local-" + Convert.ToHexStringLower(SHA256.HashData(raw))[..32];

    private Email ToEmail(MimeMessage message, HeaderList headerList, ReadOnlySpan<byte> raw, string source, IReadOnlyList<string> receivedFor)
    {
        var from = MailAddresses.Display(message.From);
        if (from.Count == 0)
            throw new MailParseException("The message has no From address" + (message.Headers.Count == 0 ? " (no headers at all)." : "."));

        var html = UnixNewlines(message.HtmlBody);
        var text = UnixNewlines(message.TextBody) ?? (html is null ? null : HtmlText.ToPlainText(html));
        var headers = HeaderMap(headerList);
        return new Email
        {
            Id = IdOf(raw),
            Source = source,
            MessageId = MessageIds.Normalize(headers.GetValueOrDefault("message-id")),
            From = from[0],
            To = MailAddresses.Display(message.To),
            Cc = MailAddresses.Display(message.Cc),
            Bcc = MailAddresses.Display(message.Bcc),
            ReplyTo = MailAddresses.Display(message.ReplyTo),
            ReceivedFor = receivedFor.ToList(),
            Subject = message.Subject ?? "",
            Text = text,
            Html = html,
            Headers = headers,
            InReplyTo = MessageIds.ParseList(headers.GetValueOrDefault("in-reply-to")) is [var parent, ..] ? parent : null,
            References = MessageIds.ParseList(headers.GetValueOrDefault("references")),
            ReceivedAt = clock.GetUtcNow(),
            Attachments = AttachmentsOf(message),
        };
    }

    /// <summary>Header names lower-cased, in order of first appearance; repeated headers joined with ", ".</summary>
    private static Dictionary<string, string> HeaderMap(HeaderList headerList)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in headerList)
        {
            var name = header.Field.ToLowerInvariant();
            var value = header.Value.Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }
        return headers;
    }

    /// <summary>Bodies use "\n" line endings whatever the message had, so tools see the same text from every ingress.</summary>
    private static string? UnixNewlines(string? body) => body?.Replace("\r\n", "\n");

    /// <summary>Every part that is not the text or html body: attachments, inline images, attached messages, reports.</summary>
    private static List<EmailAttachment> AttachmentsOf(MimeMessage message)
    {
        var attachments = new List<EmailAttachment>();
        foreach (var entity in message.BodyParts)
        {
            if (entity is TextPart { IsAttachment: false } && (entity.ContentType.IsMimeType("text", "plain") || entity.ContentType.IsMimeType("text", "html")))
                continue;
            var filename = entity.ContentDisposition?.FileName ?? entity.ContentType.Name;
            attachments.Add(new EmailAttachment(filename, entity.ContentType.MimeType.ToLowerInvariant(), SizeOf(entity), entity.ContentId));
        }
        return attachments;
    }

    /// <summary>Decoded size in bytes (what the recipient would save), not the transfer-encoded size.</summary>
    private static long SizeOf(MimeEntity entity)
    {
        using var measure = new MeasuringStream();
        switch (entity)
        {
            case MimePart { Content: not null } part: part.Content.DecodeTo(measure); break;
            case MessagePart { Message: not null } attached: attached.Message.WriteTo(measure); break;
        }
        return measure.Length;
    }
}
