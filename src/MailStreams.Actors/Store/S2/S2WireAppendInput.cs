using System.Text.Json.Serialization;

namespace MailStreams.Store.S2;

/// <summary>POST /streams/{stream}/records body.</summary>
internal sealed record S2WireAppendInput(
    [property: JsonPropertyName("records")] S2WireRecord[]? Records,
    [property: JsonPropertyName("match_seq_num")] long? MatchSeqNum,
    [property: JsonPropertyName("fencing_token")] string? FencingToken);
