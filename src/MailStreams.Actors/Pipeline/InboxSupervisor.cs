using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using MailStreams.Store;

namespace MailStreams.Pipeline;

/// <summary>
/// Starts one <see cref="InboxPipelineActor"/> for every <c>inbox/</c> stream, the ones that exist at start and each one
/// created while running (watched through the store, no polling). Each pipeline runs under its own backoff
/// supervisor, so one inbox failing restarts only that inbox, with growing delays, and never stops another.
/// Holds no state of its own beyond its children.
/// </summary>
internal sealed class InboxSupervisor : ReceiveActor, IWithTimers
{
    public const string Name = "inboxes";

    public sealed record InboxAppeared(string Inbox);
    /// <summary>Asks for the inboxes that have a pipeline (answered with a sorted string array).</summary>
    public sealed record GetInboxes;
    private sealed record WatchAgain;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(8);
    private readonly InboxPipelineServices _services;
    private readonly CancellationTokenSource _stop = new();
    private readonly SortedDictionary<string, IActorRef> _pipelines = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private int _watchFailures;

    public ITimerScheduler Timers { get; set; } = null!;

    public InboxSupervisor(InboxPipelineServices services)
    {
        _services = services;
        Receive<InboxAppeared>(m => StartPipeline(m.Inbox));
        Receive<GetInboxes>(_ => Sender.Tell(_pipelines.Keys.ToArray()));
        Receive<PipelineProtocol.Drain>(drain => DrainAll(drain).PipeTo(Sender));
        Receive<Status.Failure>(f =>
        {
            var delay = _services.Settings.RestartMinBackoff * Math.Pow(2, Math.Min(6, _watchFailures++));
            if (delay > _services.Settings.RestartMaxBackoff) delay = _services.Settings.RestartMaxBackoff;
            _log.Warning("Watching inbox streams failed ({0}); trying again in {1}", f.Cause.Message, delay);
            Timers.StartSingleTimer("watch", new WatchAgain(), delay);
        });
        Receive<WatchAgain>(_ => Watch());
    }

    public static Props Props(InboxPipelineServices services) => Akka.Actor.Props.Create(() => new InboxSupervisor(services));

    protected override void PreStart() => Watch();

    private void Watch()
    {
        var self = Self;
        var ct = _stop.Token;
        Source.From(() => _services.Store.WatchStreamsAsync(StreamNames.InboxPrefix, ct))
            .Select(stream => new InboxAppeared(StreamNames.InboxName(stream)))
            .RunWith(Sink.ActorRef<InboxAppeared>(self, new Status.Failure(new InvalidOperationException("the watch ended")), ex => new Status.Failure(ex)), Context.Materializer());
    }

    private void StartPipeline(string inbox)
    {
        _watchFailures = 0;
        if (_pipelines.ContainsKey(inbox)) return;
        _log.Info("Starting the pipeline of inbox/{0}", inbox);
        _pipelines[inbox] = Context.ActorOf(RestartWithBackoff.Props(InboxPipelineActor.Props(inbox, _services), "pipeline", _services.Settings), ActorNameOf(inbox));
    }

    private async Task<PipelineProtocol.Drained> DrainAll(PipelineProtocol.Drain drain)
    {
        var log = _log;
        await Task.WhenAll(_pipelines.Select(async p =>
        {
            try { await p.Value.Ask<PipelineProtocol.Drained>(drain, DrainTimeout); }
            catch (AskTimeoutException) { log.Warning("inbox/{0} did not drain within {1}", p.Key, DrainTimeout); }
        }));
        return PipelineProtocol.Drained.Instance;
    }

    public static string ActorNameOf(string inbox) => "inbox-" + Uri.EscapeDataString(inbox);

    protected override void PostStop()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
