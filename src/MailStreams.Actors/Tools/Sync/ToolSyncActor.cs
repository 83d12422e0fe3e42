using Akka.Actor;
using Akka.Event;

namespace MailStreams.Tools.Sync;

/// <summary>
/// Owns the tools lifecycle once the daemon runs: the single writer of <see cref="ActiveTools"/> and the status board.
/// Lifecycle: persists nothing (the clone on disk and the live package are its state; after a restart the start-up
/// sync rebuilds them). Syncs on a timer, on request (webhook, CLI) and on file changes (watch mode), one at a time:
/// requests that arrive during a sync are merged into one more sync after it, and each sender is answered with the
/// <see cref="ToolSyncReport"/> of the first sync that started after its request. A new version is activated here,
/// between two emails of every pipeline (they read <see cref="ActiveTools.Current"/> once per email).
/// </summary>
internal sealed class ToolSyncActor : ReceiveActor, IWithTimers
{
    public const string Name = "tool-sync";
    private static readonly TimeSpan WatchDebounce = TimeSpan.FromMilliseconds(300);

    private readonly ToolSyncer _syncer;
    private readonly ActiveTools _tools;
    private readonly ToolsStatusBoard _board;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private List<IActorRef> _running = [];
    private List<IActorRef> _waiting = [];
    private string? _nextTrigger;
    private bool _busy;
    private FileSystemWatcher? _watcher;

    public ToolSyncActor(ToolSyncer syncer, ActiveTools tools, ToolsStatusBoard board, TimeSpan interval)
    {
        _syncer = syncer;
        _tools = tools;
        _board = board;
        _interval = interval;
        Receive<ToolSyncProtocol.Sync>(Request);
        Receive<Finished>(Complete);
        Receive<FilesChanged>(_ => Timers.StartSingleTimer("watch", new ToolSyncProtocol.Sync("watch"), WatchDebounce));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ToolSyncer syncer, ActiveTools tools, ToolsStatusBoard board, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new ToolSyncActor(syncer, tools, board, interval));

    protected override void PreStart()
    {
        if (_interval > TimeSpan.Zero) Timers.StartPeriodicTimer("timer", new ToolSyncProtocol.Sync("timer"), _interval);
        if (_syncer.Source.WatchableFolder is { } folder) _watcher = Watch(folder, Self);
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _watcher?.Dispose();
    }

    private void Request(ToolSyncProtocol.Sync request)
    {
        if (!Sender.IsNobody()) _waiting.Add(Sender);
        _nextTrigger ??= request.Trigger;
        if (!_busy) StartNext();
    }

    private void StartNext()
    {
        _busy = true;
        _running = _waiting;
        _waiting = [];
        var trigger = _nextTrigger ?? "timer";
        _nextTrigger = null;
        var status = _board.Current;
        _syncer.RunAsync(trigger, _tools.Current.Revision, status.Rejected, _stopping.Token)
            .PipeTo(Self, success: r => new Finished(r.Report, r.Package),
                failure: e => new Finished(new ToolSyncReport(trigger, DateTimeOffset.UtcNow, ToolSyncOutcome.Failed, null,
                    "sync failed, the running version stays: " + e.Message, [e.Message]), null));
    }

    private void Complete(Finished finished)
    {
        if (finished.Package is { } package) _tools.Activate(package);
        _board.Publish(_board.Current.Apply(finished.Report, finished.Package));
        Log(finished.Report);
        foreach (var waiter in _running) waiter.Tell(finished.Report);
        _running = [];
        _busy = false;
        if (_nextTrigger is not null) StartNext();
    }

    private void Log(ToolSyncReport report)
    {
        var problems = report.Problems.Count == 0 ? "" : Environment.NewLine + string.Join(Environment.NewLine, report.Problems.Select(p => "  " + p));
        if (report.KeptOldVersion) _log.Warning("Tools sync ({0}): {1}{2}", report.Trigger, report.Message, problems);
        else if (report.Outcome == ToolSyncOutcome.Activated) _log.Info("Tools sync ({0}): {1}", report.Trigger, report.Message);
        else _log.Debug("Tools sync ({0}): {1}", report.Trigger, report.Message);
    }

    private static FileSystemWatcher Watch(string folder, IActorRef self)
    {
        var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
        FileSystemEventHandler changed = (_, _) => self.Tell(FilesChanged.Instance);
        watcher.Changed += changed;
        watcher.Created += changed;
        watcher.Deleted += changed;
        watcher.Renamed += (_, _) => self.Tell(FilesChanged.Instance);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private sealed record Finished(ToolSyncReport Report, ToolPackage? Package);

    private sealed record FilesChanged
    {
        public static FilesChanged Instance { get; } = new();
    }
}
