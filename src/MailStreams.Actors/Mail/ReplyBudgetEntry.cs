namespace MailStreams.Mail;

/// <summary>One reply counted by the <see cref="ReplyBudget"/>: its idempotency key, when, to whom, in which thread (null when unknown).</summary>
internal sealed record ReplyBudgetEntry(string Key, DateTimeOffset At, string? Sender, string? Thread)
{
    /// <summary>The budget keys of a reply: its first recipient (lower-cased) and the first id of its References.</summary>
    public static ReplyBudgetEntry Of(string key, DateTimeOffset at, OutboundEmail reply)
    {
        var sender = reply.To.Select(MailAddresses.First).FirstOrDefault(m => m is not null)?.Address.ToLowerInvariant();
        string? thread = null;
        if (reply.Headers is { } headers)
        {
            var references = headers.TryGetValue("References", out var r) ? MessageIds.ParseList(r) : [];
            thread = references.FirstOrDefault()
                     ?? (headers.TryGetValue("In-Reply-To", out var parent) ? MessageIds.Normalize(parent) : null);
        }
        return new ReplyBudgetEntry(key, at, sender, thread);
    }
}
