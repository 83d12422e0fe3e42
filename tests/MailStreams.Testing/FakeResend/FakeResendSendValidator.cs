using System.Text.Json;
using System.Text.RegularExpressions;

namespace MailStreams.Testing.FakeResend;

/// <summary>
/// Checks a <c>POST /emails</c> body the way specs/resend.md §2 and §6 describe: missing from/to/subject or both
/// html and text → 422 <c>missing_required_field</c>; wrong types or malformed addresses → 400 <c>validation_error</c>;
/// an attachment without content or path → 422 <c>invalid_attachment</c>. Pure.
/// </summary>
internal static partial class FakeResendSendValidator
{
    private const int MaxRecipients = 50;

    public static FakeResendError? Validate(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) return FakeResendError.Invalid("The request body must be a JSON object.");

        if (!Has(body, "from")) return FakeResendError.Missing("from");
        if (body.GetProperty("from") is not { ValueKind: JsonValueKind.String } from || !IsMailbox(from.GetString()!))
            return FakeResendError.Invalid("Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.");

        if (!Has(body, "to")) return FakeResendError.Missing("to");
        foreach (var field in new[] { "to", "cc", "bcc", "reply_to" })
            if (Addresses(body, field) is { } problem) return problem;

        if (!Has(body, "subject")) return FakeResendError.Missing("subject");
        if (body.GetProperty("subject").ValueKind != JsonValueKind.String) return FakeResendError.Invalid("The `subject` field must be a string.");

        if (!Has(body, "html") && !Has(body, "text") && !Has(body, "template")) return FakeResendError.Missing("html` or `text");
        foreach (var field in new[] { "html", "text" })
            if (Has(body, field) && body.GetProperty(field).ValueKind != JsonValueKind.String)
                return FakeResendError.Invalid($"The `{field}` field must be a string.");

        return Headers(body) ?? Tags(body) ?? Attachments(body);
    }

    private static FakeResendError? Addresses(JsonElement body, string field)
    {
        if (!Has(body, field)) return null;
        var value = body.GetProperty(field);
        List<JsonElement>? list = value.ValueKind switch
        {
            JsonValueKind.String => [value],
            JsonValueKind.Array => value.EnumerateArray().ToList(),
            _ => null,
        };
        if (list is null || list.Any(a => a.ValueKind != JsonValueKind.String || !IsMailbox(a.GetString()!)))
            return FakeResendError.Invalid($"Invalid `{field}` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.");
        if (field == "to" && list.Count == 0) return FakeResendError.Missing("to");
        if (list.Count > MaxRecipients) return FakeResendError.Invalid($"Too many recipients in `{field}`: at most {MaxRecipients} are allowed.");
        return null;
    }

    private static FakeResendError? Headers(JsonElement body)
    {
        if (!Has(body, "headers")) return null;
        var headers = body.GetProperty("headers");
        return headers.ValueKind == JsonValueKind.Object && headers.EnumerateObject().All(h => h.Value.ValueKind == JsonValueKind.String)
            ? null
            : FakeResendError.Invalid("The `headers` field must be an object of string values.");
    }

    private static FakeResendError? Tags(JsonElement body)
    {
        if (!Has(body, "tags")) return null;
        var tags = body.GetProperty("tags");
        if (tags.ValueKind != JsonValueKind.Array) return FakeResendError.Invalid("The `tags` field must be an array.");
        foreach (var tag in tags.EnumerateArray())
        {
            if (tag.ValueKind != JsonValueKind.Object) return FakeResendError.Invalid("Each tag must be an object with `name` and `value`.");
            foreach (var part in new[] { "name", "value" })
                if (!tag.TryGetProperty(part, out var text) || text.ValueKind != JsonValueKind.String || !TagText().IsMatch(text.GetString()!))
                    return FakeResendError.Invalid($"Invalid tag {part}: only ASCII letters, numbers, underscores and dashes, at most 256 characters.");
        }
        return null;
    }

    private static FakeResendError? Attachments(JsonElement body)
    {
        if (!Has(body, "attachments")) return null;
        var attachments = body.GetProperty("attachments");
        if (attachments.ValueKind != JsonValueKind.Array) return FakeResendError.Invalid("The `attachments` field must be an array.");
        return attachments.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.Object || (!Has(a, "content") && !Has(a, "path")))
            ? new FakeResendError(422, "invalid_attachment", "Attachment must have either a `content` or `path`.")
            : null;
    }

    private static bool Has(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    private static bool IsMailbox(string text) => BareAddress().IsMatch(text) || NamedAddress().IsMatch(text);

    [GeneratedRegex(@"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")]
    private static partial Regex BareAddress();

    [GeneratedRegex(@"^[^<>]*<[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>$")]
    private static partial Regex NamedAddress();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex TagText();
}
