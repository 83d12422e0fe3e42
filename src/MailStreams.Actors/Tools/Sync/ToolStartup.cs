using Microsoft.Extensions.Logging;

namespace MailStreams.Tools.Sync;

/// <summary>
/// The first activation, before any email is processed: sync the source and put the version through the gate. When
/// the repository cannot be reached but a clone from an earlier run is on disk, that clone's version is used. With no
/// version that passes, the daemon does not start: the exception lists every problem.
/// </summary>
internal static class ToolStartup
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoneRejected = new Dictionary<string, IReadOnlyList<string>>();

    public static ActiveTools Activate(ToolSyncer syncer, ToolsStatusBoard board, ILogger logger)
    {
        var (report, package) = syncer.RunAsync("start", null, NoneRejected, CancellationToken.None).GetAwaiter().GetResult();
        if (package is null && report.Outcome == ToolSyncOutcome.Failed && syncer.Source.OnDisk() is { } onDisk)
        {
            board.Publish(board.Current.Apply(report, null));
            logger.LogWarning("Tools: {Message}; using the clone on disk at {Revision}", report.Message, onDisk.Revision);
            (report, package) = syncer.CheckAsync("start (clone on disk)", onDisk, CancellationToken.None).GetAwaiter().GetResult();
        }
        board.Publish(board.Current.Apply(report, package));
        if (package is null)
            throw new ToolLoadException($"no tools version could be activated from {syncer.Source.Description}: {report.Message}"
                                        + string.Concat(report.Problems.Select(p => Environment.NewLine + "  " + p)));
        logger.LogInformation("Tools from {Source}: {Message}", syncer.Source.Description, report.Message);
        return new ActiveTools(package);
    }
}
