using System.Text;

namespace MailStreams.Store.S2;

/// <summary>
/// Reads server-sent events from a text stream per the SSE spec: <c>field: value</c> lines (one optional space after
/// the colon), comment lines starting with ':' ignored, an empty line ends an event. An event cut off by the end of
/// the stream is dropped, never returned half-read.
/// </summary>
internal static class SseParser
{
    public static async IAsyncEnumerable<SseEvent> ReadAsync(TextReader reader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        string? type = null, id = null;
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData || type is not null)
                    yield return new SseEvent(type ?? "message", id, data.ToString());
                type = null;
                id = null;
                data.Clear();
                hasData = false;
                continue;
            }
            if (line[0] == ':') continue;
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            switch (field)
            {
                case "event": type = value; break;
                case "id": id = value; break;
                case "data":
                    if (hasData) data.Append('\n');
                    data.Append(value);
                    hasData = true;
                    break;
            }
        }
    }
}
