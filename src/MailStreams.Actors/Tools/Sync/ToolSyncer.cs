using MailStreams.Tools.Git;

namespace MailStreams.Tools.Sync;

/// <summary>
/// One sync, start to verdict: fetch the source, skip it when it is the live or an already rejected revision, else
/// put it through the <see cref="ToolActivationGate"/>. Never activates anything itself and never throws for a
/// failed fetch or a bad version: the report says what happened; the package comes back only when it may go live.
/// </summary>
internal sealed class ToolSyncer(IToolSource source, ToolActivationGate gate, TimeProvider clock)
{
    public IToolSource Source { get; } = source;

    public async Task<(ToolSyncReport Report, ToolPackage? Package)> RunAsync(
        string trigger, string? liveRevision, IReadOnlyDictionary<string, IReadOnlyList<string>> rejected, CancellationToken cancellation)
    {
        ToolCheckout checkout;
        try
        {
            checkout = await Source.FetchAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is GitSyncException or IOException or UnauthorizedAccessException)
        {
            return (Report(trigger, ToolSyncOutcome.Failed, null, $"sync failed, the running version stays: {e.Message}", [e.Message]), null);
        }
        if (checkout.Revision == liveRevision)
            return (Report(trigger, ToolSyncOutcome.Unchanged, checkout.Revision, $"already at {Short(checkout.Revision)}", []), null);
        if (rejected.TryGetValue(checkout.Revision, out var reasons))
            return (Report(trigger, ToolSyncOutcome.Rejected, checkout.Revision, $"{Short(checkout.Revision)} was rejected before, the running version stays", reasons), null);
        return await CheckAsync(trigger, checkout, cancellation).ConfigureAwait(false);
    }

    /// <summary>Puts the version on disk through the gate without fetching (start-up fallback).</summary>
    public async Task<(ToolSyncReport Report, ToolPackage? Package)> CheckAsync(string trigger, ToolCheckout checkout, CancellationToken cancellation)
    {
        var candidate = await gate.PrepareAsync(checkout.Folder, checkout.Revision, cancellation).ConfigureAwait(false);
        return candidate.Accepted
            ? (Report(trigger, ToolSyncOutcome.Activated, checkout.Revision,
                $"activated {Short(checkout.Revision)} ({candidate.Timings})", []), candidate.Package)
            : (Report(trigger, ToolSyncOutcome.Rejected, checkout.Revision,
                $"{Short(checkout.Revision)} rejected, the running version stays: {candidate.Problems.Count} problem(s)", candidate.Problems), null);
    }

    private ToolSyncReport Report(string trigger, ToolSyncOutcome outcome, string? revision, string message, IReadOnlyList<string> problems) =>
        new(trigger, clock.GetUtcNow(), outcome, revision, message, problems);

    public static string Short(string revision) => revision.Length > 12 ? revision[..12] : revision;
}
