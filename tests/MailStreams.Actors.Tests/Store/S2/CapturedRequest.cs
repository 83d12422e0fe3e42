namespace MailStreams.Actors.Tests.Store.S2;

/// <summary>A request as the scripted server saw it: method, raw target (still percent-encoded), headers, body.</summary>
public sealed record CapturedRequest(string Method, string Target, Dictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}
