using System.Text.Json;
using System.Text.Json.Serialization;

namespace MailStreams.Ingress.Resend;

/// <summary>The envelope of every Resend webhook: <c>{"type", "created_at", "data"}</c>.</summary>
public sealed record ResendWebhookEnvelope(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("created_at")] string? CreatedAt,
    [property: JsonPropertyName("data")] JsonElement Data);

/// <summary><c>data</c> of an <c>email.received</c> webhook: metadata only, no body (specs/resend.md §7).</summary>
public sealed record ResendEmailReceivedData(
    [property: JsonPropertyName("email_id")] string? EmailId,
    [property: JsonPropertyName("created_at")] string? CreatedAt,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] IReadOnlyList<string>? To,
    [property: JsonPropertyName("cc")] IReadOnlyList<string>? Cc,
    [property: JsonPropertyName("bcc")] IReadOnlyList<string>? Bcc,
    [property: JsonPropertyName("received_for")] IReadOnlyList<string>? ReceivedFor,
    [property: JsonPropertyName("message_id")] string? MessageId,
    [property: JsonPropertyName("subject")] string? Subject)
{
    /// <summary>Metadata of the attachments (no bytes, no size in the webhook).</summary>
    [JsonPropertyName("attachments")] public IReadOnlyList<ResendReceivedAttachment>? Attachments { get; init; }
}

/// <summary>The answer of <c>GET /emails/receiving/{email_id}</c> (specs/resend.md §8).</summary>
public sealed record ResendReceivedEmail
{
    [JsonPropertyName("object")] public string? Object { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("from")] public string? From { get; init; }
    [JsonPropertyName("to")] public IReadOnlyList<string>? To { get; init; }
    [JsonPropertyName("cc")] public IReadOnlyList<string>? Cc { get; init; }
    [JsonPropertyName("bcc")] public IReadOnlyList<string>? Bcc { get; init; }
    [JsonPropertyName("reply_to")] public IReadOnlyList<string>? ReplyTo { get; init; }
    [JsonPropertyName("received_for")] public IReadOnlyList<string>? ReceivedFor { get; init; }
    [JsonPropertyName("created_at")] public string? CreatedAt { get; init; }
    [JsonPropertyName("subject")] public string? Subject { get; init; }
    [JsonPropertyName("html")] public string? Html { get; init; }
    [JsonPropertyName("text")] public string? Text { get; init; }
    /// <summary>Header name to value; a value sent as an array (repeated header) is joined with ", ".</summary>
    [JsonPropertyName("headers"), JsonConverter(typeof(ResendHeaderMapConverter))]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    [JsonPropertyName("message_id")] public string? MessageId { get; init; }
    [JsonPropertyName("attachments")] public IReadOnlyList<ResendReceivedAttachment>? Attachments { get; init; }
    /// <summary>Where to download the original .eml (short-lived signed URL), when Resend offers it.</summary>
    [JsonPropertyName("raw")] public ResendRawMessage? Raw { get; init; }
}

/// <summary><c>raw</c> of a received email: a signed URL of the original message and when it expires.</summary>
public sealed record ResendRawMessage(
    [property: JsonPropertyName("download_url")] string? DownloadUrl,
    [property: JsonPropertyName("expires_at")] string? ExpiresAt);

/// <summary>An attachment's metadata, as in the webhook (no size) and in the received email (with size).</summary>
public sealed record ResendReceivedAttachment(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("filename")] string? Filename,
    [property: JsonPropertyName("size")] long? Size,
    [property: JsonPropertyName("content_type")] string? ContentType,
    [property: JsonPropertyName("content_id")] string? ContentId,
    [property: JsonPropertyName("content_disposition")] string? ContentDisposition);
