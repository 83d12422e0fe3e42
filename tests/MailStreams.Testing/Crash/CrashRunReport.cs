namespace MailStreams.Testing.Crash;

/// <summary>
/// What a crash run found. <see cref="Holds"/> is the promise: every accepted email got exactly one reply, counted
/// per Idempotency-Key and per content (the email it answers), and none is lost.
/// </summary>
internal sealed record CrashRunReport(
    int Emails,
    int Accepted,
    int Kills,
    IReadOnlyDictionary<string, int> KillsByPhase,
    int WebhookAttempts,
    int RepliesSent,
    int SendRequests,
    IReadOnlyList<string> DuplicateKeys,
    IReadOnlyList<string> DuplicateReplies,
    IReadOnlyList<string> Lost,
    IReadOnlyList<string> Unexpected,
    TimeSpan Duration)
{
    public bool Holds => Accepted == Emails && DuplicateKeys.Count == 0 && DuplicateReplies.Count == 0 && Lost.Count == 0 && Unexpected.Count == 0;

    public IEnumerable<string> Lines()
    {
        yield return $"emails {Emails}, accepted {Accepted} (after {WebhookAttempts} webhook attempts), kills {Kills} in {Duration.TotalSeconds:F1} s";
        yield return "kills by what was in flight: " + string.Join(", ", KillsByPhase.Select(p => $"{p.Key} {p.Value}"));
        yield return $"replies accepted by Resend {RepliesSent}, POST /emails requests {SendRequests} (repeats are resends after kills, answered from the idempotency key)";
        yield return $"duplicates per idempotency key {DuplicateKeys.Count}, per content {DuplicateReplies.Count}, lost {Lost.Count}, unexpected {Unexpected.Count}";
        foreach (var key in DuplicateKeys.Take(10)) yield return "  twice (key): " + key;
        foreach (var reply in DuplicateReplies.Take(10)) yield return "  twice (content): " + reply;
        foreach (var lost in Lost.Take(10)) yield return "  lost: " + lost;
        foreach (var odd in Unexpected.Take(10)) yield return "  unexpected: " + odd;
        yield return Holds ? "HOLDS: every accepted email has exactly one reply" : "BROKEN: see above";
    }
}
