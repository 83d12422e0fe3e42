namespace MailStreams.Mail;

/// <summary>What counts as "us" for the loop guard: our domains and any other addresses we send from.</summary>
internal sealed record LoopGuardOptions
{
    public IReadOnlyList<string> Domains { get; init; } = [];
    public IReadOnlyList<string> OwnAddresses { get; init; } = [];
}
