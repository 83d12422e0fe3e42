using System.Text;
using System.Text.RegularExpressions;

namespace MailStreams.Mail;

/// <summary>
/// Builds the outbound email for a tool's reply (the outbox record body): From the inbox on the base domain, to the
/// original's Reply-To or From, a non-stacking "Re:" subject, escaped html, threading headers and
/// <c>Auto-Submitted: auto-replied</c> (RFC 3834). Pure: the same input always gives the same JSON.
/// A reply with neither text nor html, or nobody to send to, is an <see cref="ArgumentException"/>.
/// </summary>
internal sealed partial class ReplyBuilder(ReplyBuilderOptions options)
{
    public OutboundEmail Build(string inbox, Email original, Reply reply)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inbox);
        if (reply.Text is null && reply.Html is null)
            throw new ArgumentException($"The reply of inbox '{inbox}' to {original.Id} has neither text nor html.", nameof(reply));

        var to = NonEmpty(reply.To) ?? NonEmpty(original.ReplyTo) ?? NonEmpty([original.From])
            ?? throw new ArgumentException($"The reply of inbox '{inbox}' to {original.Id} has no recipient: the original has no From or Reply-To.", nameof(original));

        return new OutboundEmail
        {
            From = MailAddresses.Format(DisplayName(inbox), SenderAddress(inbox)),
            To = to,
            Cc = NonEmpty(reply.Cc),
            Subject = reply.Subject ?? ReplySubject(original.Subject),
            Text = reply.Text,
            Html = reply.Html ?? HtmlText.FromPlainText(reply.Text!),
            Headers = ThreadingHeaders(original),
            Tags = [new OutboundTag("inbox", TagValue(inbox))],
        };
    }

    /// <summary>"Re: " + the subject without its existing Re:/RE:/Re[2]: prefixes; "Re:" alone for an empty subject.</summary>
    public static string ReplySubject(string? subject)
    {
        var core = ReplyPrefixes().Replace(subject ?? "", "").Trim();
        return core.Length == 0 ? "Re:" : "Re: " + core;
    }

    /// <summary><c>reverser</c> → <c>Reverser</c>.</summary>
    public static string DisplayName(string inbox) =>
        inbox.Length == 0 ? inbox : char.ToUpperInvariant(inbox[0]) + inbox[1..];

    /// <summary>In-Reply-To, References (original references + its id, each once) and Auto-Submitted, in that order.</summary>
    private static Dictionary<string, string> ThreadingHeaders(Email original)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (MessageIds.Normalize(original.MessageId) is { } messageId)
        {
            var references = original.References.SelectMany(r => MessageIds.ParseList(r)).Append(messageId).Distinct(StringComparer.Ordinal);
            headers["In-Reply-To"] = messageId;
            headers["References"] = string.Join(' ', references);
        }
        headers["Auto-Submitted"] = "auto-replied";
        return headers;
    }

    /// <summary>The inbox's address; a local part that is not a dot-atom (RFC 6532 allows non-ASCII) is quoted.</summary>
    private string SenderAddress(string inbox)
    {
        var plain = DotAtom().IsMatch(inbox);
        var local = plain ? inbox : "\"" + inbox.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        return local + "@" + options.BaseDomain;
    }

    /// <summary>Resend tag values allow only ASCII letters, digits, '_' and '-'; anything else becomes '_'.</summary>
    private static string TagValue(string inbox)
    {
        var value = new StringBuilder(inbox.Length);
        foreach (var c in inbox) value.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        return value.ToString();
    }

    private static IReadOnlyList<string>? NonEmpty(IEnumerable<string>? addresses)
    {
        var list = addresses?.Where(a => !string.IsNullOrWhiteSpace(a)).ToList();
        return list is { Count: > 0 } ? list : null;
    }

    [GeneratedRegex(@"^(\s*re\s*(\[\d+\])?\s*:)+", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyPrefixes();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uffff-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uffff-]+)*$")]
    private static partial Regex DotAtom();
}
