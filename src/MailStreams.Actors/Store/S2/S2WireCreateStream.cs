using System.Text.Json.Serialization;

namespace MailStreams.Store.S2;

/// <summary>POST /streams body.</summary>
internal sealed record S2WireCreateStream(
    [property: JsonPropertyName("stream")] string? Stream,
    [property: JsonPropertyName("config")] System.Text.Json.Nodes.JsonObject? Config);
