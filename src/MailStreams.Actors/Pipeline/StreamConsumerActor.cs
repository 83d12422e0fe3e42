using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Streams;
using Akka.Streams.Dsl;
using MailStreams.Store;

namespace MailStreams.Pipeline;

/// <summary>
/// Base of the actors that consume one stream in order: the Resend content fetch and every inbox pipeline.
/// Lifecycle: recovers its committed offset from the journal, then materializes <see cref="Processing"/> over the
/// stream followed from that offset. Each processed record's seq_num flows out of the graph; they are committed in
/// batches (persisted <see cref="OffsetCommitted"/>), and the graph waits for each commit (backpressure). Records
/// after the last commit are processed again after a crash, which is why every effect downstream is idempotent.
/// If the graph fails the actor throws and its backoff supervisor restarts it from the journal. On
/// <see cref="PipelineProtocol.Drain"/> it stops reading, lets the records in flight finish and commits them.
/// </summary>
internal abstract class StreamConsumerActor : ReceivePersistentActor
{
    private sealed record Commit(long NextSeq);
    private sealed record Committed;
    private sealed record GraphEnded(Exception? Error);
    /// <summary>Asks for the committed offset (answered with a long): for status and tests.</summary>
    public sealed record GetOffset;

    private const int CommitBatch = 64;
    private const int SnapshotEvery = 100;
    private readonly CancellationTokenSource _stop = new();
    private long _nextSeq;
    private readonly RunningGraph _graph = new();

    protected StreamConsumerActor(IStreamStore store)
    {
        Store = store;
        Recover<SnapshotOffer>(offer => _nextSeq = ((OffsetCommitted)offer.Snapshot).NextSeq);
        Recover<OffsetCommitted>(evt => _nextSeq = evt.NextSeq);
        Command<Commit>(c =>
        {
            var replyTo = Sender;
            Persist(new OffsetCommitted(c.NextSeq), evt =>
            {
                _nextSeq = evt.NextSeq;
                replyTo.Tell(new Committed());
                if (LastSequenceNr % SnapshotEvery == 0) SaveSnapshot(evt);
            });
        });
        Command<GetOffset>(_ => Sender.Tell(_nextSeq));
        Command<PipelineProtocol.Drain>(_ => _graph.DrainAsync().PipeTo(Sender));
        Command<GraphEnded>(e =>
        {
            if (_graph.IsDraining) Log.Info("{0}: drained at offset {1}", PersistenceId, _nextSeq);
            else throw new InvalidOperationException($"{PersistenceId}: the stream ended", e.Error);
        });
        Command<SaveSnapshotSuccess>(s => DeleteMessages(s.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(f => Log.Warning("{0}: snapshot failed: {1}", PersistenceId, f.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => Log.Warning("{0}: journal cleanup failed: {1}", PersistenceId, f.Cause.Message));
    }

    protected IStreamStore Store { get; }
    protected CancellationToken Stopping => _stop.Token;

    /// <summary>The stream this actor consumes.</summary>
    protected abstract string StreamName { get; }

    /// <summary>Processes records in order and emits the seq_num of each one fully handled.</summary>
    protected abstract Flow<StreamRecord, long, NotUsed> Processing();

    protected override void OnReplaySuccess()
    {
        Log.Info("{0}: following {1} from seq {2}", PersistenceId, StreamName, _nextSeq);
        var self = Self;
        var from = _nextSeq;
        var ct = _stop.Token;
        var (intake, finished) = Source.From(() => Store.FollowAsync(StreamName, from, ct))
            .ViaMaterialized(KillSwitches.Single<StreamRecord>(), Keep.Right)
            .Via(Processing())
            .GroupedWithin(CommitBatch, TimeSpan.FromMilliseconds(100))
            .SelectAsync(1, async done =>
            {
                await self.Ask<Committed>(new Commit(done.Last() + 1), TimeSpan.FromSeconds(30));
                return NotUsed.Instance;
            })
            .ToMaterialized(Sink.Ignore<NotUsed>(), Keep.Both)
            .Run(Context.Materializer());
        _graph.Started(intake, finished);
        finished.ContinueWith(t => new GraphEnded(t.Exception?.GetBaseException())).PipeTo(self);
    }

    protected override void PostStop()
    {
        _stop.Cancel();
        _stop.Dispose();
        base.PostStop();
    }
}
