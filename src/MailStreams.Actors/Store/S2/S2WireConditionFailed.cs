using System.Text.Json.Serialization;

namespace MailStreams.Store.S2;

/// <summary>The 412 body of an append whose condition failed.</summary>
internal sealed record S2WireConditionFailed(
    [property: JsonPropertyName("seq_num_mismatch")] long? SeqNumMismatch,
    [property: JsonPropertyName("fencing_token_mismatch")] string? FencingTokenMismatch);
