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
internal sealed class InboxSupervisor : ReceiveActor
{
    public const string Name = "inboxes";

    public sealed record InboxAppeared(string Inbox);
    /// <summary>Asks for the inboxes that have a pipeline (answered with a sorted string array).</summary>
    public sealed record GetInboxes;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(8);
    private readonly InboxPipelineServices _services;
    private readonly CancellationTokenSource _stop = new();
    private readonly SortedSet<string> _inboxes = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public InboxSupervisor(InboxPipelineServices services)
    {
        _services = services;
        Receive<InboxAppeared>(m => StartPipeline(m.Inbox));
        Receive<GetInboxes>(_ => Sender.Tell(_inboxes.ToArray()));
        Receive<PipelineProtocol.Drain>(drain =>
        {
            var pipelines = Context.GetChildren().Select(child => child.Ask<PipelineProtocol.Drained>(drain, DrainTimeout));
            Task.WhenAll(pipelines).ContinueWith(_ => PipelineProtocol.Drained.Instance).PipeTo(Sender);
        });
        Receive<Status.Failure>(f => throw new InvalidOperationException("watching inbox streams failed", f.Cause));
    }

    public static Props Props(InboxPipelineServices services) => Akka.Actor.Props.Create(() => new InboxSupervisor(services));

    protected override void PreStart()
    {
        var self = Self;
        var ct = _stop.Token;
        Source.From(() => _services.Store.WatchStreamsAsync(StreamNames.InboxPrefix, ct))
            .Select(stream => new InboxAppeared(StreamNames.InboxName(stream)))
            .RunWith(Sink.ActorRef<InboxAppeared>(self, new Status.Failure(new InvalidOperationException("stopped watching")), ex => new Status.Failure(ex)), Context.Materializer());
    }

    private void StartPipeline(string inbox)
    {
        if (!_inboxes.Add(inbox)) return;
        _log.Info("Starting the pipeline of inbox/{0}", inbox);
        Context.ActorOf(RestartWithBackoff.Props(InboxPipelineActor.Props(inbox, _services), "pipeline", _services.Settings), ActorNameOf(inbox));
    }

    public static string ActorNameOf(string inbox) => "inbox-" + Uri.EscapeDataString(inbox);

    protected override void PostStop()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
