using Microsoft.AspNetCore.Http.Features;

namespace MailStreams.Host.Http.S2;

/// <summary>
/// The stream name of a request: the path segment after <c>/streams/</c>, taken from the raw request target and
/// unescaped once (<c>inbox%2Freverser</c> → <c>inbox/reverser</c>, <c>p%25x</c> → <c>p%x</c>), since the server's own
/// path decoding treats <c>%2F</c> and <c>%25</c> differently.
/// </summary>
internal static class S2StreamPath
{
    public static string? StreamOf(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "";
        var query = raw.IndexOf('?');
        if (query >= 0) raw = raw[..query];
        const string marker = "/streams/";
        var at = raw.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var segment = raw[(at + marker.Length)..];
        var end = segment.IndexOf('/');
        if (end >= 0) segment = segment[..end];
        return Uri.UnescapeDataString(segment);
    }
}
