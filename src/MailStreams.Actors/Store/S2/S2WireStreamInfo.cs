using System.Text.Json.Serialization;

namespace MailStreams.Store.S2;

/// <summary>A stream as listed or created.</summary>
internal sealed record S2WireStreamInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("deleted_at")] DateTimeOffset? DeletedAt);
