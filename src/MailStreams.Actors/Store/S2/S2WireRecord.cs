// S2 wire shapes (specs/s2.md §3–§9) are shared by the client backend and the S2-compatible endpoint.
// Byte fields are strings: base64 with "s2-format: base64", UTF-8 text with "raw".
using System.Text.Json.Serialization;

namespace MailStreams.Store.S2;

/// <summary>One record as sent or received: headers as [name, value] pairs, body, and (on read) seq_num and timestamp.</summary>
internal sealed record S2WireRecord(
    [property: JsonPropertyName("seq_num")] long? SeqNum,
    [property: JsonPropertyName("timestamp")] long? Timestamp,
    [property: JsonPropertyName("headers")] string[][]? Headers,
    [property: JsonPropertyName("body")] string? Body);
