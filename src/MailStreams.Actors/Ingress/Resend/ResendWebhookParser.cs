using System.Text.Json;

namespace MailStreams.Ingress.Resend;

/// <summary>
/// Turns a verified Resend webhook body (raw bytes) into its envelope and, for <c>email.received</c>, validated
/// metadata. Pure and total: malformed or wrongly typed JSON yields <see cref="ResendWebhookParseResult.Invalid"/>
/// with a message naming the field, never an exception. Other event types parse to an envelope without metadata.
/// </summary>
internal static class ResendWebhookParser
{
    public const string EmailReceivedType = "email.received";

    public static ResendWebhookParseResult Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return new ResendWebhookParseResult.Invalid("body is empty");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            return new ResendWebhookParseResult.Invalid($"body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            try
            {
                return ParseEnvelope(document.RootElement);
            }
            catch (Exception e) when (e is JsonFieldException or InvalidOperationException)
            {
                var message = e is JsonFieldException ? e.Message : $"body is not valid JSON: {e.Message}";
                return new ResendWebhookParseResult.Invalid(message);
            }
        }
    }

    private static ResendWebhookParseResult ParseEnvelope(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new JsonFieldException($"body must be a JSON object, not {JsonFields.Describe(root)}");

        var type = JsonFields.RequiredString(root, "", "type");
        var createdAt = JsonFields.OptionalString(root, "", "created_at");
        var hasData = root.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null;
        if (hasData && data.ValueKind != JsonValueKind.Object)
            throw new JsonFieldException($"data must be an object, not {JsonFields.Describe(data)}");

        var envelope = new ResendWebhookEnvelope(type, createdAt, hasData ? data.Clone() : default);
        if (type != EmailReceivedType) return new ResendWebhookParseResult.Parsed(envelope, null);
        if (!hasData) throw new JsonFieldException("data is required for email.received");
        return new ResendWebhookParseResult.Parsed(envelope, ParseEmailReceived(data));
    }

    private static ResendEmailReceivedData ParseEmailReceived(JsonElement data)
    {
        const string at = "data.";
        return new ResendEmailReceivedData(
            EmailId: JsonFields.RequiredString(data, at, "email_id"),
            CreatedAt: JsonFields.OptionalString(data, at, "created_at"),
            From: JsonFields.RequiredString(data, at, "from"),
            To: JsonFields.StringArray(data, at, "to", required: true),
            Cc: JsonFields.StringArray(data, at, "cc"),
            Bcc: JsonFields.StringArray(data, at, "bcc"),
            ReceivedFor: JsonFields.StringArray(data, at, "received_for"),
            MessageId: JsonFields.OptionalString(data, at, "message_id"),
            Subject: JsonFields.OptionalString(data, at, "subject"))
        {
            Attachments = ParseAttachments(data),
        };
    }

    private static IReadOnlyList<ResendReceivedAttachment>? ParseAttachments(JsonElement data)
    {
        if (!data.TryGetProperty("attachments", out var list) || list.ValueKind == JsonValueKind.Null) return null;
        if (list.ValueKind != JsonValueKind.Array)
            throw new JsonFieldException($"data.attachments must be an array, not {JsonFields.Describe(list)}");

        var attachments = new List<ResendReceivedAttachment>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"data.attachments[{index++}].";
            if (item.ValueKind != JsonValueKind.Object)
                throw new JsonFieldException($"{at[..^1]} must be an object, not {JsonFields.Describe(item)}");
            attachments.Add(new ResendReceivedAttachment(
                Id: JsonFields.OptionalString(item, at, "id"),
                Filename: JsonFields.OptionalString(item, at, "filename"),
                Size: JsonFields.OptionalLong(item, at, "size"),
                ContentType: JsonFields.OptionalString(item, at, "content_type"),
                ContentId: JsonFields.OptionalString(item, at, "content_id"),
                ContentDisposition: JsonFields.OptionalString(item, at, "content_disposition")));
        }
        return attachments;
    }
}
