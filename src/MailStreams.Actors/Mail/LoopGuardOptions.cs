namespace MailStreams.Mail;

/// <summary>What counts as "us" for the loop guard: our domains and any other addresses we send from.</summary>
internal sealed record LoopGuardOptions
{
    public IReadOnlyList<string> Domains { get; init; } = [];
    public IReadOnlyList<string> OwnAddresses { get; init; } = [];

    /// <summary>
    /// Domains of the Message-IDs our replies carry (the .eml sender mints <c>&lt;…@mailstreams.local&gt;</c>; add the
    /// provider's): mail whose In-Reply-To or References holds such an id answers one of our replies.
    /// </summary>
    public IReadOnlyList<string> OwnMessageIdDomains { get; init; } = ["mailstreams.local"];
}
