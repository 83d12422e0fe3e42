namespace MailStreams.Host.Http;

/// <summary>The query of <c>GET /api/records</c>, parsed by hand so that every mistake gets a message.</summary>
internal sealed record RecordsQuery(string Stream, long From, long Count, bool Follow, string? Error = null)
{
    public static RecordsQuery Parse(IQueryCollection query)
    {
        var stream = query["stream"].ToString();
        if (stream.Length == 0) return Invalid("query parameter 'stream' is required");
        long from = 0, count = long.MaxValue;
        var follow = false;
        if (query.TryGetValue("from", out var f) && (!long.TryParse(f, out from) || from < 0))
            return Invalid($"'from' must be a whole number >= 0, not '{f}'");
        if (query.TryGetValue("count", out var c) && (!long.TryParse(c, out count) || count <= 0))
            return Invalid($"'count' must be a whole number > 0, not '{c}'");
        if (query.TryGetValue("follow", out var fo) && !bool.TryParse(fo, out follow))
            return Invalid($"'follow' must be true or false, not '{fo}'");
        return new RecordsQuery(stream, from, count, follow);
    }

    private static RecordsQuery Invalid(string error) => new("", 0, 0, false, error);
}
