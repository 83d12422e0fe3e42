using System.Text.Json.Serialization;

namespace MailStreams.Mail;

/// <summary>
/// An email as it is stored in <c>inbox/&lt;name&gt;</c> and handed to tools (camelCase JSON; see tools/mailstreams.d.ts).
/// Built from a Resend received email or from a raw RFC 5322 message; addresses are display strings ("Name &lt;a@b&gt;").
/// </summary>
public sealed record Email
{
    /// <summary>Stable id: Resend's email id, or a hash of the raw message for local ingress.</summary>
    public required string Id { get; init; }
    /// <summary>Where it came from: <c>resend</c>, <c>local</c> or <c>smtp</c>.</summary>
    public required string Source { get; init; }
    /// <summary>The Message-ID with exactly one pair of angle brackets, or null.</summary>
    public string? MessageId { get; init; }
    public required string From { get; init; }
    public IReadOnlyList<string> To { get; init; } = [];
    public IReadOnlyList<string> Cc { get; init; } = [];
    public IReadOnlyList<string> Bcc { get; init; } = [];
    public IReadOnlyList<string> ReplyTo { get; init; } = [];
    /// <summary>Envelope recipients on our domains (Resend's received_for, SMTP RCPT TO), when known.</summary>
    public IReadOnlyList<string> ReceivedFor { get; init; } = [];
    public string Subject { get; init; } = "";
    public string? Text { get; init; }
    public string? Html { get; init; }
    /// <summary>Header names lower-cased; repeated headers joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public string? InReplyTo { get; init; }
    public IReadOnlyList<string> References { get; init; } = [];
    public DateTimeOffset ReceivedAt { get; init; }
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    /// <summary>The header value (case-insensitive name), or null.</summary>
    public string? Header(string name) =>
        Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}

public sealed record EmailAttachment(
    [property: JsonPropertyName("filename")] string? Filename,
    [property: JsonPropertyName("contentType")] string ContentType,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("contentId")] string? ContentId);
