using System.Text.Json;
using System.Text.Json.Serialization;

namespace MailStreams.Store.S2;

/// <summary>The JSON settings of S2's wire format: property names as declared, nulls left out.</summary>
internal static class S2Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"expected a {typeof(T).Name}, got null");
}
