using System.Net;

namespace MailStreams.Store.S2;

/// <summary>
/// A finished S2 request: the status, the body (not read for streamed responses) and whether an earlier attempt
/// failed in a way that may have applied it (so a 412 on an append must be checked against the stream).
/// </summary>
internal sealed record S2Response(HttpResponseMessage Message, string Body, bool EarlierAttemptMayHaveApplied) : IDisposable
{
    public HttpStatusCode Status => Message.StatusCode;
    public bool IsSuccess => Message.IsSuccessStatusCode;

    /// <summary>The error this response carries, with S2's code and message (or the status when the body has none).</summary>
    public StreamStoreException Error()
    {
        S2WireError? info = null;
        try { info = S2Json.Deserialize<S2WireError>(Body); }
        catch (System.Text.Json.JsonException) { }
        var code = string.IsNullOrEmpty(info?.Code) ? $"http_{(int)Status}" : info.Code;
        var message = string.IsNullOrEmpty(info?.Message) ? $"S2 answered {(int)Status} {Status}: {Body}" : info.Message;
        return new StreamStoreException(code, message);
    }

    public void Dispose() => Message.Dispose();
}
