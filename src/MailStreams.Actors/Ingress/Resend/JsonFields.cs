using System.Text.Json;

namespace MailStreams.Ingress.Resend;

/// <summary>A JSON field that is missing or of the wrong type; the message names it by path ("data.to[1] must be a string").</summary>
internal sealed class JsonFieldException(string message) : Exception(message);

/// <summary>
/// Typed reads of JSON object fields that throw <see cref="JsonFieldException"/> with the field's path on a missing
/// or wrongly typed value. Absent and null are the same. Pure helpers for the webhook parser.
/// </summary>
internal static class JsonFields
{
    public static string RequiredString(JsonElement obj, string at, string name) =>
        OptionalString(obj, at, name) is { Length: > 0 } value
            ? value
            : throw new JsonFieldException(Present(obj, name) ? $"{at}{name} must not be empty" : $"{at}{name} is required");

    public static string? OptionalString(JsonElement obj, string at, string name)
    {
        if (!TryGet(obj, name, out var value)) return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new JsonFieldException($"{at}{name} must be a string, not {Describe(value)}");
    }

    public static long? OptionalLong(JsonElement obj, string at, string name)
    {
        if (!TryGet(obj, name, out var value)) return null;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new JsonFieldException($"{at}{name} must be an integer, not {Describe(value)}");
    }

    public static IReadOnlyList<string>? StringArray(JsonElement obj, string at, string name, bool required = false)
    {
        if (!TryGet(obj, name, out var value))
            return required ? throw new JsonFieldException($"{at}{name} is required") : null;
        if (value.ValueKind != JsonValueKind.Array)
            throw new JsonFieldException($"{at}{name} must be an array of strings, not {Describe(value)}");

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                throw new JsonFieldException($"{at}{name}[{index}] must be a string, not {Describe(item)}");
            items.Add(item.GetString()!);
            index++;
        }
        return items;
    }

    /// <summary>"a number", "an array", … for messages.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static bool TryGet(JsonElement obj, string name, out JsonElement value) =>
        obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static bool Present(JsonElement obj, string name) => TryGet(obj, name, out _);
}
