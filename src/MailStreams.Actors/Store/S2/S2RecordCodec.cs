using System.Text;

namespace MailStreams.Store.S2;

/// <summary>
/// Converts records to and from S2's JSON shapes. <c>base64</c> keeps every byte; <c>raw</c> carries UTF-8 text
/// (bytes that are not UTF-8 are replaced, as S2 does). Missing headers or body read as empty.
/// </summary>
internal static class S2RecordCodec
{
    public const string Base64 = "base64";
    public const string Raw = "raw";

    /// <summary>The format named by an <c>s2-format</c> header value (null = raw), or null when unknown.</summary>
    public static string? FormatOf(string? header) => header?.Trim().ToLowerInvariant() switch
    {
        null or "" or "raw" or "json" => Raw,
        "base64" or "json-binsafe" => Base64,
        _ => null,
    };

    public static S2WireRecord ToWire(AppendRecord record, string format) =>
        new(null, record.Timestamp, HeadersToWire(record.Headers, format), Encode(record.Body, format));

    public static S2WireRecord ToWire(StreamRecord record, string format) =>
        new(record.SeqNum, record.Timestamp, record.Headers.Count == 0 ? null : HeadersToWire(record.Headers, format),
            record.Body.Length == 0 ? null : Encode(record.Body, format));

    public static StreamRecord FromWire(S2WireRecord wire, string format) =>
        new(wire.SeqNum ?? throw new FormatException("a read record has no seq_num"), wire.Timestamp ?? 0,
            HeadersFromWire(wire.Headers, format), Decode(wire.Body, format));

    public static AppendRecord ToAppendRecord(S2WireRecord wire, string format) =>
        new(HeadersFromWire(wire.Headers, format), Decode(wire.Body, format), wire.Timestamp);

    public static StreamPosition ToPosition(S2WirePosition position) => new(position.SeqNum, position.Timestamp);

    public static S2WirePosition ToWire(StreamPosition position) => new(position.SeqNum, position.Timestamp);

    private static string[][] HeadersToWire(IReadOnlyList<RecordHeader> headers, string format) =>
        [.. headers.Select(h => new[] { Encode(h.Name, format), Encode(h.Value, format) })];

    private static RecordHeader[] HeadersFromWire(string[][]? headers, string format)
    {
        if (headers is null) return [];
        var result = new RecordHeader[headers.Length];
        for (var i = 0; i < headers.Length; i++)
        {
            if (headers[i] is not { Length: 2 } pair || pair[0] is null || pair[1] is null)
                throw new FormatException($"header {i} is not a [name, value] pair");
            result[i] = new RecordHeader(Decode(pair[0], format), Decode(pair[1], format));
        }
        return result;
    }

    private static string Encode(byte[] bytes, string format) =>
        format == Base64 ? Convert.ToBase64String(bytes) : Encoding.UTF8.GetString(bytes);

    private static byte[] Decode(string? text, string format)
    {
        if (string.IsNullOrEmpty(text)) return [];
        return format == Base64 ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text);
    }
}
