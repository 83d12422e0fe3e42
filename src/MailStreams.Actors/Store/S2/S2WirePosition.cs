using System.Text.Json.Serialization;

namespace MailStreams.Store.S2;

/// <summary>A position: seq_num and timestamp.</summary>
internal sealed record S2WirePosition(
    [property: JsonPropertyName("seq_num")] long SeqNum,
    [property: JsonPropertyName("timestamp")] long Timestamp);
