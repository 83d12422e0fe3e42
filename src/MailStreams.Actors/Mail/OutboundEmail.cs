using System.Text.Json.Serialization;

namespace MailStreams.Mail;

/// <summary>
/// The body of Resend's <c>POST /emails</c> (snake_case on the wire). The outbox record body is exactly this JSON,
/// serialized deterministically so a retried send with the same Idempotency-Key carries the same payload.
/// </summary>
public sealed record OutboundEmail
{
    [JsonPropertyName("from")] public required string From { get; init; }
    [JsonPropertyName("to")] public required IReadOnlyList<string> To { get; init; }
    [JsonPropertyName("subject")] public required string Subject { get; init; }
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("html")] public string? Html { get; init; }
    [JsonPropertyName("cc")] public IReadOnlyList<string>? Cc { get; init; }
    [JsonPropertyName("bcc")] public IReadOnlyList<string>? Bcc { get; init; }
    [JsonPropertyName("reply_to")] public IReadOnlyList<string>? ReplyTo { get; init; }
    [JsonPropertyName("headers")] public IReadOnlyDictionary<string, string>? Headers { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<OutboundTag>? Tags { get; init; }
}

public sealed record OutboundTag([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("value")] string Value);
