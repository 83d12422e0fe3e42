using System.Globalization;

namespace MailStreams.Host.Http.S2;

/// <summary>
/// A read's query: where to start (<c>seq_num</c> or <c>tail_offset</c>; neither = the tail), <c>count</c>, <c>bytes</c>,
/// <c>wait</c> (seconds), <c>clamp</c>. Starting by <c>timestamp</c> and bounding by <c>until</c> are refused with 422.
/// </summary>
internal sealed record S2ReadQuery(long? SeqNum, long? TailOffset, long? Count, long? Bytes, int? Wait, bool Clamp)
{
    public static S2ReadQuery Parse(IQueryCollection query, out string? error)
    {
        error = null;
        string? bad = null;
        long? Long(string name)
        {
            var text = query[name].ToString();
            if (text.Length == 0) return null;
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
            bad ??= $"{name} must be a non-negative integer, got '{text}'";
            return null;
        }
        var parsed = new S2ReadQuery(Long("seq_num"), Long("tail_offset"), Long("count"), Long("bytes"),
            (int?)Math.Min(Long("wait") ?? -1, int.MaxValue) is var w && w >= 0 ? w : null,
            query["clamp"].ToString() is "true" or "1");
        if (bad is not null) { error = "bad_query:" + bad; return parsed; }
        var starts = new[] { query.ContainsKey("seq_num"), query.ContainsKey("timestamp"), query.ContainsKey("tail_offset") }.Count(x => x);
        if (starts > 1) error = "invalid:give at most one of seq_num, timestamp and tail_offset";
        else if (query.ContainsKey("timestamp")) error = "invalid:this endpoint starts reads by seq_num or tail_offset, not timestamp";
        else if (query.ContainsKey("until")) error = "invalid:this endpoint does not support 'until'";
        return parsed;
    }

    /// <summary>Session wait: as given; else forever when no limit is given, else none.</summary>
    public TimeSpan? SessionWait => Wait is { } w ? TimeSpan.FromSeconds(w) : Count is null && Bytes is null ? null : TimeSpan.Zero;
}
