using System.Text.Json.Serialization;

namespace MailStreams.Store.S2;

/// <summary>The data of an SSE <c>ping</c> event.</summary>
internal sealed record S2WirePing(
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("tail")] S2WirePosition? Tail);
