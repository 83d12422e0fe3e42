using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Streams;
using Akka.Streams.Dsl;
using MailStreams.Hosting;
using MailStreams.Pipeline;
using MailStreams.Sending;
using MailStreams.Store;
using static MailStreams.Outbox.OutboxEvents;

namespace MailStreams.Outbox;

/// <summary>
/// The one logical sender of replies. Lifecycle: recovers <see cref="OutboxState"/> from the journal, then runs a
/// stream that follows <c>outbox</c> from the recovered position, rate-limited, one record at a time through
/// <see cref="OutboxDelivery"/>. It persists one event per finished record (sent, dead-lettered or skipped as a
/// duplicate key) and acknowledges the stream only after the event is persisted. If the stream fails the actor
/// throws, and its backoff supervisor starts it again from the journal. On <see cref="PipelineProtocol.Drain"/> it
/// stops reading and finishes the send in flight.
/// </summary>
internal sealed class OutboxActor : ReceivePersistentActor
{
    public const string Name = "outbox";

    /// <summary>Asked before sending: may this key be sent? Answered by <see cref="Proceed"/> or <see cref="AlreadyDone"/>.</summary>
    public sealed record Consider(long Seq, string Key);
    public sealed record Proceed;
    public sealed record AlreadyDone;
    public sealed record Delivered(long Seq, string Key, string ProviderId);
    public sealed record DeadLettered(long Seq, string Key, string Reason);
    /// <summary>Reply to <see cref="Delivered"/> and <see cref="DeadLettered"/> once persisted.</summary>
    public sealed record Recorded;
    public sealed record GetState;
    private sealed record StreamEnded(Exception? Error);

    private const int SnapshotEvery = 200;
    private readonly IStreamStore _store;
    private readonly IMailSender _sender;
    private readonly OutboxSettings _settings;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private OutboxState _state = OutboxState.Empty;
    private readonly RunningGraph _graph = new();

    public OutboxActor(IStreamStore store, IMailSender sender, OutboxSettings settings)
    {
        _store = store;
        _sender = sender;
        _settings = settings;

        Recover<SnapshotOffer>(offer => _state = OutboxState.From((OutboxSnapshot)offer.Snapshot));
        Recover<IOutboxEvent>(evt => _state = _state.Apply(evt));

        Command<Consider>(c =>
        {
            if (!_state.IsDone(c.Key)) { Sender.Tell(new Proceed()); return; }
            _log.Info("Outbox record {0} repeats idempotency key {1}: not sent again", c.Seq, c.Key);
            PersistAndReply(new ReplySkipped(c.Seq, c.Key), new AlreadyDone());
        });
        Command<Delivered>(d => PersistAndReply(new ReplySent(d.Seq, d.Key, d.ProviderId), new Recorded()));
        Command<DeadLettered>(d => PersistAndReply(new ReplyDeadLettered(d.Seq, d.Key, d.Reason), new Recorded()));
        Command<GetState>(_ => Sender.Tell(_state));
        Command<PipelineProtocol.Drain>(_ => _graph.DrainAsync().PipeTo(Sender));
        Command<StreamEnded>(e =>
        {
            if (_graph.IsDraining) _log.Info("Outbox drained at seq {0}", _state.NextSeq);
            else throw new InvalidOperationException("the outbox stream ended", e.Error);
        });
        Command<SaveSnapshotSuccess>(s => DeleteMessages(s.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(f => _log.Warning("Outbox snapshot failed: {0}", f.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning("Outbox journal cleanup failed: {0}", f.Cause.Message));
    }

    public override string PersistenceId => Name;

    public static Props Props(IStreamStore store, IMailSender sender, OutboxSettings settings) =>
        Akka.Actor.Props.Create(() => new OutboxActor(store, sender, settings));

    protected override void OnReplaySuccess()
    {
        _log.Info("Outbox recovered: reading outbox from seq {0}, {1} keys done", _state.NextSeq, _state.DoneKeys.Count);
        var self = Self;
        var delivery = new OutboxDelivery(_store, _sender, _settings, msg => self.Ask(msg, TimeSpan.FromSeconds(30)));
        var interval = TimeSpan.FromSeconds(1 / Math.Max(0.001, _settings.RatePerSecond));
        var ct = _stop.Token;
        var from = _state.NextSeq;
        var (intake, finished) = Source.From(() => _store.FollowAsync(StreamNames.Outbox, from, ct))
            .ViaMaterialized(KillSwitches.Single<StreamRecord>(), Keep.Right)
            .Throttle(1, interval, 1, ThrottleMode.Shaping)
            .SelectAsync(1, record => delivery.DeliverAsync(record, ct))
            .ToMaterialized(Sink.Ignore<Akka.Done>(), Keep.Both)
            .Run(Context.Materializer());
        _graph.Started(intake, finished);
        finished.ContinueWith(t => new StreamEnded(t.Exception?.GetBaseException())).PipeTo(self);
    }

    private void PersistAndReply(IOutboxEvent evt, object reply)
    {
        var replyTo = Sender;
        Persist(evt, e =>
        {
            _state = _state.Apply(e);
            replyTo.Tell(reply);
            if (LastSequenceNr % SnapshotEvery == 0) SaveSnapshot(_state.ToSnapshot());
        });
    }

    protected override void PostStop()
    {
        _stop.Cancel();
        _stop.Dispose();
        base.PostStop();
    }
}
