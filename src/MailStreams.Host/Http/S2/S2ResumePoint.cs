using System.Globalization;

namespace MailStreams.Host.Http.S2;

/// <summary>
/// A read session's <c>Last-Event-ID</c>: <c>&lt;last seq_num&gt;,&lt;records so far&gt;,&lt;metered bytes so far&gt;</c>.
/// Resuming starts after the seq_num and takes the delivered totals off the session's limits.
/// </summary>
internal sealed record S2ResumePoint(long SeqNum, long Count, long Bytes, bool Valid)
{
    public static S2ResumePoint? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var parts = header.Split(',');
        long seq = 0, count = 0, bytes = 0;
        var valid = parts.Length == 3
                    && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out seq)
                    && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out count)
                    && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out bytes);
        return new S2ResumePoint(seq, count, bytes, valid);
    }

    public string Id => $"{SeqNum},{Count},{Bytes}";
}
