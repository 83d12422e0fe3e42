using System.Text.Json;
using System.Text.Json.Serialization;

namespace MailStreams.Ingress.Resend;

/// <summary>
/// Reads the <c>headers</c> object of a received email leniently, because how Resend folds repeated headers is
/// unconfirmed (specs/resend.md §8): a string stays, an array of values is joined with ", ", numbers and booleans
/// become their text, null is skipped. Writes a plain object of strings.
/// </summary>
internal sealed class ResendHeaderMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("headers must be an object");

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var document = JsonDocument.ParseValue(ref reader);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            IEnumerable<string?> texts = property.Value.ValueKind == JsonValueKind.Array
                ? property.Value.EnumerateArray().Select(Text)
                : [Text(property.Value)];
            var values = texts.OfType<string>().ToList();
            if (values.Count == 0) continue;
            var joined = string.Join(", ", values);
            headers[property.Name] = headers.TryGetValue(property.Name, out var earlier) ? earlier + ", " + joined : joined;
        }
        return headers;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, text) in value) writer.WriteString(name, text);
        writer.WriteEndObject();
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => null,
        _ => throw new JsonException($"a header value must be a string or an array of strings, not {value.ValueKind}"),
    };
}
