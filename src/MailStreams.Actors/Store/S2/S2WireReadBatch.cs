using System.Text.Json.Serialization;

namespace MailStreams.Store.S2;

/// <summary>A unary read's answer, and the data of an SSE <c>batch</c> event.</summary>
internal sealed record S2WireReadBatch(
    [property: JsonPropertyName("records")] S2WireRecord[]? Records,
    [property: JsonPropertyName("tail")] S2WirePosition? Tail);
