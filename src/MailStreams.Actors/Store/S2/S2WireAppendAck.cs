using System.Text.Json.Serialization;

namespace MailStreams.Store.S2;

/// <summary>The 200 answer to an append.</summary>
internal sealed record S2WireAppendAck(
    [property: JsonPropertyName("start")] S2WirePosition Start,
    [property: JsonPropertyName("end")] S2WirePosition End,
    [property: JsonPropertyName("tail")] S2WirePosition Tail);
