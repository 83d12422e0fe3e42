using System.Collections.Concurrent;
using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using MailStreams.Pipeline;
using MailStreams.Store;
using MailStreams.Store.Embedded;
using MailStreams.Testing;

namespace MailStreams.Actors.Tests.Pipeline;

public sealed class StreamConsumerActorTests : TestKit, IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private SqliteStreamStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new SqliteStreamStore(_dir.File("streams.db"));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Processes_records_in_order_and_commits_the_offset()
    {
        await AppendAsync(5);
        var handled = new ConcurrentQueue<long>();

        var consumer = Sys.ActorOf(Props.Create(() => new SlowConsumer(_store, handled, TimeSpan.Zero)));

        await AwaitConditionAsync(async () => await consumer.Ask<long>(new StreamConsumerActor.GetOffset()) == 5);
        Assert.Equal([0L, 1, 2, 3, 4], handled);
    }

    [Fact]
    public async Task Resumes_from_the_committed_offset_after_a_restart()
    {
        await AppendAsync(3);
        var handled = new ConcurrentQueue<long>();
        var first = Sys.ActorOf(Props.Create(() => new SlowConsumer(_store, handled, TimeSpan.Zero)));
        await AwaitConditionAsync(async () => await first.Ask<long>(new StreamConsumerActor.GetOffset()) == 3);
        await first.GracefulStop(TimeSpan.FromSeconds(5));

        await AppendAsync(2);
        var second = Sys.ActorOf(Props.Create(() => new SlowConsumer(_store, handled, TimeSpan.Zero)));

        await AwaitConditionAsync(async () => await second.Ask<long>(new StreamConsumerActor.GetOffset()) == 5);
        Assert.Equal([0L, 1, 2, 3, 4], handled);
    }

    [Fact]
    public async Task Draining_finishes_the_records_in_flight_and_commits_every_one_it_handled()
    {
        await AppendAsync(20);
        var handled = new ConcurrentQueue<long>();
        var consumer = Sys.ActorOf(Props.Create(() => new SlowConsumer(_store, handled, TimeSpan.FromMilliseconds(100))));
        await AwaitConditionAsync(() => !handled.IsEmpty);

        await consumer.Ask<PipelineProtocol.Drained>(PipelineProtocol.Drain.Instance, TimeSpan.FromSeconds(20));
        var handledWhenDrained = handled.Count;
        await Task.Delay(300);

        Assert.Equal(handledWhenDrained, handled.Count);
        Assert.Equal(handledWhenDrained, await consumer.Ask<long>(new StreamConsumerActor.GetOffset()));
    }

    private Task AppendAsync(int count) =>
        _store.AppendAsync("work", Enumerable.Range(0, count).Select(_ => new AppendRecord([], [])).ToArray());

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }

    private sealed class SlowConsumer(IStreamStore store, ConcurrentQueue<long> handled, TimeSpan delay) : StreamConsumerActor(store)
    {
        public override string PersistenceId => "test-consumer";
        protected override string StreamName => "work";

        protected override Flow<StreamRecord, long, NotUsed> Processing() =>
            Flow.Create<StreamRecord>().SelectAsync(1, async record =>
            {
                await Task.Delay(delay);
                handled.Enqueue(record.SeqNum);
                return record.SeqNum;
            });
    }
}
