using System.Globalization;
using MailStreams.Ingress.Resend;

namespace MailStreams.Mail;

/// <summary>
/// Maps Resend's received email (<c>GET /emails/receiving/{id}</c>, specs/resend.md §8) plus the <c>email.received</c>
/// webhook data (§7) to an <see cref="Email"/> with source <c>resend</c>. The full email wins; the webhook fills gaps
/// (received_for above all). Stateless apart from its clock, used only when Resend gave no usable <c>created_at</c>.
/// </summary>
internal sealed class ResendEmailMapper(TimeProvider clock)
{
    public Email Map(ResendReceivedEmail email, ResendEmailReceivedData? webhook = null)
    {
        var id = FirstNonEmpty(email.Id, webhook?.EmailId)
            ?? throw new MailParseException("The Resend email has no id.");
        var from = FirstNonEmpty(email.From, webhook?.From)
            ?? throw new MailParseException($"The Resend email {id} has no from address.");
        var headers = LowerCased(email.Headers);

        var html = email.Html;
        var text = email.Text ?? (html is null ? null : HtmlText.ToPlainText(html));
        return new Email
        {
            Id = id,
            Source = "resend",
            MessageId = MessageIds.Normalize(FirstNonEmpty(email.MessageId, webhook?.MessageId, headers.GetValueOrDefault("message-id"))),
            From = from,
            To = NonEmpty(email.To) ?? NonEmpty(webhook?.To) ?? [],
            Cc = NonEmpty(email.Cc) ?? NonEmpty(webhook?.Cc) ?? [],
            Bcc = NonEmpty(email.Bcc) ?? NonEmpty(webhook?.Bcc) ?? [],
            ReplyTo = NonEmpty(email.ReplyTo) ?? [],
            ReceivedFor = NonEmpty(email.ReceivedFor) ?? NonEmpty(webhook?.ReceivedFor) ?? [],
            Subject = email.Subject ?? webhook?.Subject ?? "",
            Text = text,
            Html = html,
            Headers = headers,
            InReplyTo = MessageIds.ParseList(headers.GetValueOrDefault("in-reply-to")) is [var parent, ..] ? parent : null,
            References = MessageIds.ParseList(headers.GetValueOrDefault("references")),
            ReceivedAt = ParseTime(email.CreatedAt) ?? ParseTime(webhook?.CreatedAt) ?? clock.GetUtcNow(),
            Attachments = (email.Attachments ?? [])
                .Select(a => new EmailAttachment(a.Filename, a.ContentType ?? "application/octet-stream", a.Size ?? 0, a.ContentId))
                .ToList(),
        };
    }

    /// <summary>Header names lower-cased; names that differ only by case are joined with ", " in the order given.</summary>
    private static Dictionary<string, string> LowerCased(IReadOnlyDictionary<string, string>? headers)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            var key = name.Trim().ToLowerInvariant();
            if (key.Length == 0) continue;
            var v = value ?? "";
            result[key] = result.TryGetValue(key, out var earlier) ? earlier + ", " + v : v;
        }
        return result;
    }

    private static IReadOnlyList<string>? NonEmpty(IReadOnlyList<string>? list)
    {
        var cleaned = list?.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        return cleaned is { Count: > 0 } ? cleaned : null;
    }

    private static string? FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
