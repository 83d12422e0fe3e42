using MailStreams.Mail;
using MimeKit;

namespace MailStreams.Sending;

/// <summary>
/// Builds the MimeMessage of an <see cref="OutboundEmail"/>: addresses, subject, custom headers, tags as
/// <c>X-MailStreams-Tag-*</c>, and text + html as multipart/alternative. Pure; validation errors come back as text.
/// </summary>
internal static class EmlMessageFactory
{
    /// <summary>CRLF line endings whatever the platform, so a written file is a wire-format message.</summary>
    public static readonly FormatOptions Format = CreateFormat();

    private static readonly HashSet<string> ManagedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Cc", "Bcc", "Reply-To", "Subject", "Message-ID", "Date", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
    };

    public static bool TryCreate(OutboundEmail email, string messageId, DateTimeOffset date, out MimeMessage message, out string error)
    {
        message = new MimeMessage();
        error = "";
        if (email.To is not { Count: > 0 }) return Fail("The email has no To recipient.", out error);
        if (string.IsNullOrWhiteSpace(email.From)) return Fail("The email has no From address.", out error);
        if (email.Text is null && email.Html is null) return Fail("The email has neither text nor html.", out error);
        if (!TryParseAddresses(email.From, message.From, "From", out error)) return false;
        if (message.From.Count != 1) return Fail($"From must be exactly one address: '{email.From}'.", out error);
        foreach (var (list, field, target) in new[] { (email.To, "To", message.To), (email.Cc, "Cc", message.Cc), (email.Bcc, "Bcc", message.Bcc), (email.ReplyTo, "Reply-To", message.ReplyTo) })
            foreach (var address in list ?? [])
                if (!TryParseAddresses(address, target, field, out error)) return false;

        message.Subject = email.Subject ?? "";
        message.Date = date;
        message.MessageId = messageId.Trim('<', '>');
        foreach (var (name, value) in email.Headers ?? new Dictionary<string, string>())
        {
            if (ManagedHeaders.Contains(name)) return Fail($"The header '{name}' cannot be set as a custom header.", out error);
            try { message.Headers.Add(name, value); }
            catch (ArgumentException e) { return Fail($"Invalid header '{name}': {e.Message}", out error); }
        }
        foreach (var tag in email.Tags ?? [])
        {
            try { message.Headers.Add("X-MailStreams-Tag-" + tag.Name, tag.Value); }
            catch (ArgumentException e) { return Fail($"Invalid tag '{tag.Name}': {e.Message}", out error); }
        }
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        return true;
    }

    private static bool TryParseAddresses(string text, InternetAddressList target, string field, out string error)
    {
        error = "";
        if (!string.IsNullOrWhiteSpace(text) && InternetAddressList.TryParse(MailAddresses.Parser, text, out var parsed) && parsed.Mailboxes.Any(m => m.Domain is { Length: > 0 }))
        {
            target.AddRange(parsed);
            return true;
        }
        return Fail($"Invalid {field} address: '{text}'.", out error);
    }

    private static bool Fail(string reason, out string error)
    {
        error = reason;
        return false;
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
