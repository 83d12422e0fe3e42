using System.Text.Json.Serialization;

namespace MailStreams.Store.S2;

/// <summary>S2's generic error body.</summary>
internal sealed record S2WireError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);
