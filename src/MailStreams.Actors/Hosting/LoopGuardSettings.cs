namespace MailStreams.Hosting;

/// <summary>
/// Configuration of the loop guard (section <c>MailStreams:LoopGuard</c>): the reply budget per sender and per thread
/// within a sliding window (0 switches a budget off), and extra domains our replies' Message-IDs are minted on.
/// </summary>
public sealed class LoopGuardSettings
{
    public TimeSpan BudgetWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Replies to one address within the window.</summary>
    public int RepliesPerSender { get; set; } = 30;

    /// <summary>Replies within one thread (the first id of References) within the window.</summary>
    public int RepliesPerThread { get; set; } = 5;

    /// <summary>Comma-separated; <c>mailstreams.local</c> (the .eml sender's ids) is always included.</summary>
    public string OwnMessageIdDomains { get; set; } = "";

    public IReadOnlyList<string> MessageIdDomains =>
        OwnMessageIdDomains.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Append("mailstreams.local").Select(d => d.ToLowerInvariant()).Distinct().ToArray();
}
