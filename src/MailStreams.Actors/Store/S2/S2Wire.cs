using System.Text.Json.Serialization;

namespace MailStreams.Store.S2;

// S2's JSON wire shapes (specs/s2.md §3–§9), shared by the client backend and the S2-compatible endpoint.
// Byte fields are strings: base64 with "s2-format: base64", UTF-8 text with "raw".

/// <summary>One record as sent or received: headers as [name, value] pairs, body, and (on read) seq_num and timestamp.</summary>
internal sealed record S2WireRecord(
    [property: JsonPropertyName("seq_num")] long? SeqNum,
    [property: JsonPropertyName("timestamp")] long? Timestamp,
    [property: JsonPropertyName("headers")] string[][]? Headers,
    [property: JsonPropertyName("body")] string? Body);

/// <summary>A position: seq_num and timestamp.</summary>
internal sealed record S2WirePosition(
    [property: JsonPropertyName("seq_num")] long SeqNum,
    [property: JsonPropertyName("timestamp")] long Timestamp);

/// <summary>POST /streams/{stream}/records body.</summary>
internal sealed record S2WireAppendInput(
    [property: JsonPropertyName("records")] S2WireRecord[]? Records,
    [property: JsonPropertyName("match_seq_num")] long? MatchSeqNum,
    [property: JsonPropertyName("fencing_token")] string? FencingToken);

/// <summary>The 200 answer to an append.</summary>
internal sealed record S2WireAppendAck(
    [property: JsonPropertyName("start")] S2WirePosition Start,
    [property: JsonPropertyName("end")] S2WirePosition End,
    [property: JsonPropertyName("tail")] S2WirePosition Tail);

/// <summary>A unary read's answer, and the data of an SSE <c>batch</c> event.</summary>
internal sealed record S2WireReadBatch(
    [property: JsonPropertyName("records")] S2WireRecord[]? Records,
    [property: JsonPropertyName("tail")] S2WirePosition? Tail);

/// <summary>The answer to check-tail, the 416 body, and part of a ping.</summary>
internal sealed record S2WireTail([property: JsonPropertyName("tail")] S2WirePosition Tail);

/// <summary>The data of an SSE <c>ping</c> event.</summary>
internal sealed record S2WirePing(
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("tail")] S2WirePosition? Tail);

/// <summary>S2's generic error body.</summary>
internal sealed record S2WireError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>The 412 body of an append whose condition failed.</summary>
internal sealed record S2WireConditionFailed(
    [property: JsonPropertyName("seq_num_mismatch")] long? SeqNumMismatch,
    [property: JsonPropertyName("fencing_token_mismatch")] string? FencingTokenMismatch);

/// <summary>POST /streams body.</summary>
internal sealed record S2WireCreateStream(
    [property: JsonPropertyName("stream")] string? Stream,
    [property: JsonPropertyName("config")] System.Text.Json.Nodes.JsonObject? Config);

/// <summary>A stream as listed or created.</summary>
internal sealed record S2WireStreamInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("deleted_at")] DateTimeOffset? DeletedAt);

/// <summary>GET /streams answer.</summary>
internal sealed record S2WireStreamList(
    [property: JsonPropertyName("streams")] S2WireStreamInfo[] Streams,
    [property: JsonPropertyName("has_more")] bool HasMore);
