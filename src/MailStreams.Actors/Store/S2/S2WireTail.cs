using System.Text.Json.Serialization;

namespace MailStreams.Store.S2;

/// <summary>The answer to check-tail, the 416 body, and part of a ping.</summary>
internal sealed record S2WireTail([property: JsonPropertyName("tail")] S2WirePosition Tail);
