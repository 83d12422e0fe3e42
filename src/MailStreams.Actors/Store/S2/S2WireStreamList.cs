using System.Text.Json.Serialization;

namespace MailStreams.Store.S2;

/// <summary>GET /streams answer.</summary>
internal sealed record S2WireStreamList(
    [property: JsonPropertyName("streams")] S2WireStreamInfo[] Streams,
    [property: JsonPropertyName("has_more")] bool HasMore);
